import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/** One request being handled: the fields its log lines carry, and what it noted about its own outcome. */
export interface RequestScope {
  /** Merged into every log line written for this request (pino mixin). */
  readonly fields: { readonly reqId: string };
  /** Set by code deep inside the request (an answer explaining a failure) for the code that counts requests. */
  outcome: string | undefined;
}

const storage = new AsyncLocalStorage<RequestScope>();
/** A proxy's id is reused when it is this tame; anything else gets a fresh id (it ends up in every log line). */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,64}$/;
const NO_FIELDS: Readonly<Record<string, never>> = Object.freeze({});

/** The log fields of the request being handled, or an empty object outside any request (the pino mixin). */
export function requestFields(): object {
  return storage.getStore()?.fields ?? NO_FIELDS;
}

/**
 * pino's mixinMergeStrategy: pino's default assigns the log call's fields onto the mixin's object, which would write
 * into the shared request fields. Outside a request the call's own object is used as is; inside, a shallow copy led
 * by reqId (a reqId given in the call wins).
 */
export function mergeRequestFields(mergeObject: object, fields: object): object {
  return fields === NO_FIELDS ? mergeObject : { ...fields, ...mergeObject };
}

/** The request being handled, if any. */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts, awaited or not) as part of a new request `reqId`. */
export function runWithRequestId<T>(reqId: string, fn: () => T): T {
  return storage.run({ fields: Object.freeze({ reqId }), outcome: undefined }, fn);
}

/** A fresh request id. */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * Wraps a node:http request listener so each request gets an id (the proxy's `x-request-id` when it looks like one)
 * for its whole life, including Bolt's own log lines and work that outlives the response; the id is echoed back.
 */
export function withRequestContext(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const incoming = req.headers['x-request-id'];
    const reqId = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : newRequestId();
    res.setHeader('x-request-id', reqId);
    runWithRequestId(reqId, () => listener(req, res));
  };
}

/**
 * Bolt global middleware: a request id for Slack requests that did not come through an HTTP listener wrapped above
 * (Socket Mode). Inside an HTTP request it changes nothing.
 */
export const requestContextMiddleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
  if (storage.getStore() !== undefined) return next();
  return runWithRequestId(newRequestId(), next);
};
