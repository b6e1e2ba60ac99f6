import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** The connection ticket in the URL the fake hands out: a credential, so it must never reach a log. */
export const FAKE_SOCKET_TICKET = 'fake-ticket-SECRET-5150';

/** What the bot sent back for an envelope: its id, and the response payload (a slash command's answer). */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** An envelope as Slack sends it over a Socket Mode connection. */
export interface SocketEnvelope {
  envelope_id: string;
  type: 'slash_commands' | 'events_api' | 'interactive';
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/**
 * A loopback stand-in for Slack's Socket Mode WebSocket server (hand `url` to the fake Slack's apps.connections.open).
 * Says `hello` on connect like Slack, sends envelopes, records acks and how each connection was closed.
 */
export interface FakeSocketMode {
  readonly url: string;
  readonly acks: SocketAck[];
  /** Close codes of finished connections, in order (1000 = the bot closed normally). */
  readonly closeCodes: number[];
  readonly connections: number;
  /** Resolves once a connection is open and has been sent `hello`. */
  connected(timeoutMs?: number): Promise<void>;
  send(envelope: SocketEnvelope): void;
  /** Asks the bot to reconnect, as Slack does before recycling a connection (`type: disconnect`). */
  requestReconnect(): void;
  /** Resolves with the bot's ack of this envelope, or rejects after `timeoutMs`. */
  ackOf(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const acks: SocketAck[] = [];
  const closeCodes: number[] = [];
  let current: WebSocket | null = null;
  let connections = 0;

  server.on('connection', (socket) => {
    connections += 1;
    current = socket;
    socket.on('message', (data) => acks.push(JSON.parse(String(data)) as SocketAck));
    socket.on('close', (code) => {
      closeCodes.push(code);
      if (current === socket) current = null;
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0QUOTABOT' } }));
  });

  const until = async (predicate: () => boolean, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake Socket Mode: ${what} did not happen in time`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=${FAKE_SOCKET_TICKET}&app_id=A0QUOTABOT`,
    acks,
    closeCodes,
    get connections() {
      return connections;
    },
    connected: (timeoutMs = 5000) => until(() => current !== null, timeoutMs, 'a connection'),
    send(envelope) {
      if (!current) throw new Error('fake Socket Mode: the bot is not connected');
      current.send(JSON.stringify(envelope));
    },
    requestReconnect() {
      current?.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
    },
    async ackOf(envelopeId, timeoutMs = 5000) {
      await until(() => acks.some((a) => a.envelope_id === envelopeId), timeoutMs, `the ack of ${envelopeId}`);
      return acks.find((a) => a.envelope_id === envelopeId) as SocketAck;
    },
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `/quota TEXT` wrapped as Slack sends it over Socket Mode (the same fields as the HTTP form body). */
export function slashCommandEnvelope(envelopeId: string, fields: Record<string, string>): SocketEnvelope {
  return { envelope_id: envelopeId, type: 'slash_commands', accepts_response_payload: true, payload: fields };
}

/** An Events API body (as POSTed in HTTP mode) wrapped as Slack sends it over Socket Mode. */
export function eventsApiEnvelope(envelopeId: string, body: string, retryAttempt = 0): SocketEnvelope {
  return {
    envelope_id: envelopeId,
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: retryAttempt,
    retry_reason: retryAttempt === 0 ? '' : 'timeout',
    payload: JSON.parse(body) as Record<string, unknown>,
  };
}
