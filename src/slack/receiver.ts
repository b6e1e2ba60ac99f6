import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Logger as BoltLogger, type CustomRoute, HTTPReceiver } from '@slack/bolt';
import { httpRequestProperties, withRequestId } from '../logging/request-context.js';
import type { SlackReceiverOAuth } from './installations/oauth-install.js';

/** Slack's endpoint: commands, events and interactivity payloads all arrive here. */
export const SLACK_EVENTS_PATH = '/slack/events';
/**
 * The largest Slack request read. Slack's payloads (even a view submission of a full modal) are a few tens of KiB;
 * Bolt's own default is 4 MB. A larger declared body is refused with 413 before it is read; a chunked one is cut
 * off once it passes the cap.
 */
export const MAX_SLACK_BODY_BYTES = 1024 * 1024;
/** Slack's replay window: Bolt refuses timestamps older than this, and this receiver also those newer. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Bolt's HTTPReceiver with two hardening checks: a body cap well under Bolt's 4 MB default (a declared larger body is
 * refused with 413 before any of it is read), and a refusal (401) of
 * requests whose `x-slack-request-timestamp` lies more than 5 minutes in the future — Bolt only rejects old ones, so
 * a signature captured with a future timestamp would otherwise stay replayable until that time has passed.
 */
export function createSlackReceiver(options: {
  signingSecret: string;
  logger: BoltLogger;
  customRoutes: CustomRoute[];
  /** Wall clock in ms; the same clock Bolt's stale check uses (Date.now), so both ends of the window agree. */
  nowMs?: () => number;
  /** Multi-workspace mode: Bolt's installer on /slack/install and /slack/oauth_redirect, authorizing per workspace. */
  oauth?: SlackReceiverOAuth;
}): HTTPReceiver {
  const nowMs = options.nowMs ?? Date.now;
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: [SLACK_EVENTS_PATH],
    logger: options.logger,
    customRoutes: options.customRoutes,
    bodyLimit: MAX_SLACK_BODY_BYTES,
    // The id given below by withRequestId becomes `context.reqId` for the listeners' loggers.
    customPropertiesExtractor: httpRequestProperties,
    ...options.oauth,
  });
  const boltListener = receiver.requestListener;
  // Each request (Slack's, or a custom route's) gets a reqId, echoed in x-request-id and carried by its log lines.
  receiver.requestListener = withRequestId((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && pathOf(req.url) === SLACK_EVENTS_PATH) {
      // Bolt does not pass Content-Length to its body reader, so a declared oversize body would be read up to the cap.
      if (Number(req.headers['content-length'] ?? 0) > MAX_SLACK_BODY_BYTES) {
        options.logger.warn(`Refused a Slack request body over ${MAX_SLACK_BODY_BYTES} bytes`);
        return refuse(res, 413);
      }
      if (hasBadTimestamp(req, nowMs())) {
        options.logger.warn('Refused a Slack request whose timestamp is malformed or more than 5 minutes ahead');
        return refuse(res, 401);
      }
    }
    boltListener(req, res);
  });
  return receiver;
}

/** Answers without reading the body, and closes the connection so the unread bytes are never waited for. */
function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { connection: 'close' });
  res.end();
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

/**
 * A timestamp too far ahead, or one that is not a plain decimal number of seconds (Bolt would read `1.8e9` or
 * `0x6B49D200` as a number). A missing header is left to Bolt, which refuses it (it admits only `ssl_check`).
 */
function hasBadTimestamp(req: IncomingMessage, nowMs: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  if (header === undefined) return false;
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header)) return true;
  return Number(header) > Math.floor(nowMs / 1000) + MAX_CLOCK_SKEW_SECONDS;
}
