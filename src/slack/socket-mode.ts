import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  type App,
  type Logger as BoltLogger,
  buildReceiverRoutes,
  type CustomRoute,
  type Receiver,
  type ReceiverRoutes,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import { AppError } from '../errors.js';
import { socketRequestProperties, withRequestId } from '../logging/request-context.js';

/** How long start() waits for Slack's `hello` before serving anyway while the client keeps connecting. */
const CONNECT_WAIT_MS = 10_000;
/** How long stop() waits for Slack to answer the close frame before cutting the socket (the client waits 30 s). */
const CLOSE_WAIT_MS = 5_000;

/**
 * Debug lines of the Socket Mode client that carry whole payloads: envelopes (response_url, typed text), acks, and
 * the apps.connections.open result, whose WebSocket URL holds a connection ticket. Lifecycle lines are kept.
 */
const PAYLOAD_LINES =
  /^(Received a message on the WebSocket|Sending a WebSocket message|Calling ack\(\)|ack\(\) call begins|ack\(\) response sent|http request result)/;

/** Socket Mode options: the app-level token, and the HTTP routes that still answer on PORT. */
export interface SocketModeOptions {
  appToken: string;
  logger: BoltLogger;
  /** /healthz, /readyz, /metrics, /wechat/callback: served on PORT exactly as in HTTP mode. */
  customRoutes: CustomRoute[];
  /** Web API options of the connection client (slackApiUrl points apps.connections.open at a fake in tests). */
  clientOptions: webApi.WebClientOptions;
  connectWaitMs?: number;
  closeWaitMs?: number;
}

/** A Bolt receiver whose start(port) resolves with the HTTP server of the custom routes, like HTTPReceiver's. */
export interface SocketModeWithRoutes extends Receiver {
  start(port: number): Promise<Server>;
  stop(): Promise<void>;
}

/**
 * Socket Mode (SLACK_APP_TOKEN): Slack delivers commands, events and interactivity over a WebSocket the bot opens,
 * so no public URL is needed and nothing is signed. Bolt's SocketModeReceiver can serve custom routes itself, but it
 * does not wait for its server to listen (a busy port crashes the process, port 0 cannot be read back) nor for it to
 * close; so the routes get a small node:http server here, started before the socket and closed after it.
 */
export function createSocketModeReceiver(options: SocketModeOptions): SocketModeWithRoutes {
  const logger = withoutPayloads(options.logger);
  // No customRoutes and no installer: the receiver then starts no HTTP server of its own.
  const socket = new SocketModeReceiver({
    appToken: options.appToken,
    logger,
    installerOptions: { clientOptions: { ...options.clientOptions } },
    // Each envelope gets its own request id (`context.reqId`), as HTTP requests do.
    customPropertiesExtractor: socketRequestProperties,
  });
  const routes = buildReceiverRoutes(options.customRoutes);
  const server = createServer(withRequestId((req, res) => serveRoute(routes, req, res, logger)));
  const connectWaitMs = options.connectWaitMs ?? CONNECT_WAIT_MS;
  const closeWaitMs = options.closeWaitMs ?? CLOSE_WAIT_MS;

  return {
    init: (app: App) => socket.init(app),
    async start(port: number) {
      server.listen(port);
      await once(server, 'listening');
      try {
        await connect(socket, connectWaitMs, logger);
      } catch (err) {
        await closeServer(server);
        throw err;
      }
      return server;
    },
    async stop() {
      await disconnect(socket, closeWaitMs, logger);
      await closeServer(server);
    },
  };
}

/**
 * Waits for the first `hello`. A refused token (invalid_auth, not_authed…) fails start; a Slack that cannot be
 * reached yet does not stop the bot: the client keeps retrying in the background and the HTTP routes answer meanwhile.
 */
async function connect(socket: SocketModeReceiver, waitMs: number, logger: BoltLogger): Promise<void> {
  const connecting = socket.start().catch((err: unknown) => {
    throw refusedToken(err) ?? err;
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs);
  });
  try {
    if ((await Promise.race([connecting, late])) === 'late') {
      logger.warn(`Socket Mode: Slack has not said hello within ${waitMs} ms; still trying to connect`);
      connecting.then(
        () => logger.info('Socket Mode: connected to Slack'),
        (err: unknown) => logger.error('Socket Mode: could not connect to Slack', err),
      );
      return;
    }
  } finally {
    clearTimeout(timer);
  }
  logger.info('Socket Mode: connected to Slack');
}

/** Slack's answer to apps.connections.open named an error (invalid_auth, not_allowed_token_type…): say what to fix. */
function refusedToken(err: unknown): AppError | null {
  const code = (err as { data?: { error?: unknown } } | null)?.data?.error;
  if (typeof code !== 'string') return null;
  return new AppError(
    'SLACK_APP_TOKEN_REFUSED',
    `Slack refused SLACK_APP_TOKEN when opening the Socket Mode connection (${code.slice(0, 64)}): it must be an ` +
      "app-level token (xapp-…) with the connections:write scope (Basic Information → App-Level Tokens), and the app's " +
      'Socket Mode must be enabled',
    { cause: err },
  );
}

/** Sends the close frame and waits for Slack's answer, bounded; then cuts the socket if Slack has not answered. */
async function disconnect(socket: SocketModeReceiver, waitMs: number, logger: BoltLogger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs);
  });
  const outcome = await Promise.race([socket.client.disconnect().then(() => 'closed' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    logger.warn(`Socket Mode: Slack did not answer the close frame within ${waitMs} ms; closing the socket`);
    // A second disconnect on a socket already closing terminates it (the client's own wait would be 30 s).
    await socket.client.disconnect();
  }
}

/** Exact-path routing like HTTPReceiver's for our parameterless routes; anything else (e.g. /slack/events) is 404. */
function serveRoute(routes: ReceiverRoutes, req: IncomingMessage, res: ServerResponse, logger: BoltLogger): void {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const handler = Object.hasOwn(routes, pathname) ? routes[pathname]?.[(req.method ?? 'GET').toUpperCase()] : undefined;
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  try {
    handler(Object.assign(req, { params: {} }), res);
  } catch (err) {
    logger.error(`A handler for ${pathname} failed`, err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The same logger minus the payload dumps (see PAYLOAD_LINES): a response_url or a ticket is a credential. */
function withoutPayloads(logger: BoltLogger): BoltLogger {
  return {
    debug: (...args: unknown[]) => {
      if (typeof args[0] === 'string' && PAYLOAD_LINES.test(args[0])) return;
      logger.debug(...args);
    },
    info: (...args: unknown[]) => logger.info(...args),
    warn: (...args: unknown[]) => logger.warn(...args),
    error: (...args: unknown[]) => logger.error(...args),
    setLevel: (level) => logger.setLevel(level),
    getLevel: () => logger.getLevel(),
    setName: (name) => logger.setName(name),
  };
}
