import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from './logger.js';

/**
 * Request ids are passed explicitly, not through AsyncLocalStorage: on Node 20 an active AsyncLocalStorage hooks
 * every promise in the process, which cost about 20% of the CPU of a warm `/quota` (bench/throughput.ts) — more than
 * the answer itself. The id enters Bolt as a custom property (`context.reqId`) and each listener logs through a
 * child logger bound to it (`requestScope`).
 */

/** One request being handled: its id, a logger whose every line carries it, and how its answer went. */
export interface RequestScope {
  readonly reqId: string;
  readonly logger: Logger;
  /** Set by code deep inside the request (an answer explaining a failure) for the listener that counts requests. */
  outcome: string | undefined;
}

export const REQUEST_ID_HEADER = 'x-request-id';
/** A proxy's id is reused when it is this tame; anything else gets a fresh id (it ends up in every log line). */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Random per process, so ids from several replicas (or restarts) never collide in one log store. */
const PROCESS_PREFIX = randomBytes(6).toString('hex');
let sequence = 0;

/** A fresh request id: the process prefix and a counter (a random UUID per request cost measurable CPU). */
export function newRequestId(): string {
  sequence += 1;
  return `${PROCESS_PREFIX}-${sequence.toString(16).padStart(8, '0')}`;
}

/** The id `withRequestId` gave this request (undefined for a request that did not pass through it). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  const id = req.headers[REQUEST_ID_HEADER];
  return typeof id === 'string' && INCOMING_ID.test(id) ? id : undefined;
}

/**
 * Wraps a node:http request listener so each request has an id: the proxy's `x-request-id` when it looks like one,
 * else a fresh one, written back into the request's headers (where Bolt's extractor and our routes read it) and
 * echoed in the response.
 */
export function withRequestId(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const reqId = requestIdOf(req) ?? newRequestId();
    req.headers[REQUEST_ID_HEADER] = reqId;
    res.setHeader(REQUEST_ID_HEADER, reqId);
    listener(req, res);
  };
}

/** Bolt `customPropertiesExtractor` for HTTP: the request's id becomes `context.reqId`. */
export function httpRequestProperties(req: IncomingMessage): { reqId: string } {
  return { reqId: requestIdOf(req) ?? newRequestId() };
}

/** Bolt `customPropertiesExtractor` for Socket Mode: every envelope gets an id of its own. */
export function socketRequestProperties(): { reqId: string } {
  return { reqId: newRequestId() };
}

/** The scope of the Slack request whose Bolt context this is (a fresh id when the receiver gave none). */
export function requestScope(logger: Logger, context: object): RequestScope {
  const given = (context as { reqId?: unknown }).reqId;
  const reqId = typeof given === 'string' ? given : newRequestId();
  // Built on first use: most warm answers log nothing, and a pino child (with redaction) is not free.
  let child: Logger | undefined;
  return {
    reqId,
    get logger() {
      child ??= logger.child({ reqId });
      return child;
    },
    outcome: undefined,
  };
}

/** A child logger bound to an HTTP request's id (custom routes such as the WeChat callback). */
export function routeLogger(logger: Logger, req: IncomingMessage): Logger {
  const reqId = requestIdOf(req);
  return reqId === undefined ? logger : logger.child({ reqId });
}
