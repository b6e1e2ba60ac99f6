import { setTimeout as delay } from 'node:timers/promises';
import { Agent, type Dispatcher, request } from 'undici';
import type { Logger } from '../logging/logger.js';
import type { Quota } from '../quota/types.js';
import { isRetryable } from './errcodes.js';
import {
  WeChatApiError,
  WeChatBadPayloadError,
  WeChatError,
  WeChatHttpStatusError,
  WeChatTransportError,
} from './errors.js';
import { badPayload, parseQuotaBody } from './quota-response.js';
import { withRetries } from './retry.js';
import { attemptTimeoutError, toTransportError } from './transport-error.js';

/** The only path this client calls; logs name it without its query string. */
const QUOTA_PATH = '/wxa/queryquota';

/** How to reach WeChat and how patient to be; every field but baseUrl and logger has a default. */
export interface WeChatClientOptions {
  baseUrl: string;
  logger: Logger;
  /** Default: a keep-alive undici Agent owned (and closed) by the client. connectTimeoutMs applies to it only. */
  dispatcher?: Dispatcher;
  connectTimeoutMs?: number;
  /** Headers and body of one attempt, default 5000. */
  requestTimeoutMs?: number;
  /** All attempts and waits together, default 9000: a Slack user must hear back in about 10 s. */
  totalBudgetMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxBodyBytes?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Reads the provider's code-audit quota from WeChat. */
export interface WeChatClient {
  /** GET /wxa/queryquota?access_token=… → validated Quota, or throws a WeChatError subclass. */
  queryQuota(accessToken: string, options?: { signal?: AbortSignal }): Promise<Quota>;
  /** Closes the owned Agent (an injected dispatcher stays open: its owner closes it). */
  close(): Promise<void>;
}

type BodyStream = Dispatcher.ResponseData['body'];

/** Creates a WeChat client with bounded, jittered retries and a hard time budget per call. */
export function createWeChatClient(options: WeChatClientOptions): WeChatClient {
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const log = options.logger.child({ component: 'wechat' });
  const ownsDispatcher = options.dispatcher === undefined;
  // Keep sockets warm between a user's commands; a socket the server dropped meanwhile fails as 'reset' and is retried.
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Agent({ connect: { timeout: options.connectTimeoutMs ?? 3000 }, keepAliveTimeout: 30_000 });
  const policy = {
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 2000,
    totalBudgetMs: options.totalBudgetMs ?? 9000,
    attemptTimeoutMs: requestTimeoutMs,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms: number) => delay(ms)),
    now: () => performance.now(),
  };
  let closing: Promise<void> | undefined;

  async function attemptOnce(token: string, attempt: number, timeoutMs: number, signal?: AbortSignal) {
    const started = performance.now();
    const url = `${options.baseUrl}${QUOTA_PATH}?access_token=${encodeURIComponent(token)}`;
    // One controller per attempt so our deadline covers connect, headers and a slow-dripping body alike.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    let status: number | undefined;
    try {
      const response = await request(url, {
        dispatcher,
        method: 'GET',
        headers: { accept: 'application/json' },
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      if (status < 200 || status > 299) {
        // Drain (bounded) rather than destroy, so the keep-alive socket serves the retry.
        await response.body.dump({ limit: maxBodyBytes }).catch(() => undefined);
        throw new WeChatHttpStatusError(status, `WeChat answered HTTP ${status}`);
      }
      const text = await readCapped(response.body, response.headers['content-length'], maxBodyBytes, token);
      const quota = parseQuotaBody(text, [token]);
      log.debug({ path: QUOTA_PATH, attempt, status, ms: elapsed(started), errcode: 0 }, 'wechat attempt succeeded');
      return quota;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const failure = error instanceof WeChatError ? error : timedOut ? attemptTimeoutError(timeoutMs) : null;
      const mapped = failure ?? toTransportError(error, [token]);
      log.debug(
        { path: QUOTA_PATH, attempt, status, ms: elapsed(started), ...describe(mapped) },
        'wechat attempt failed',
      );
      throw mapped;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    async queryQuota(accessToken, callOptions) {
      if (closing) throw new WeChatTransportError('other', 'WeChat client is closed');
      const signal = callOptions?.signal;
      return withRetries((attempt, timeoutMs) => attemptOnce(accessToken, attempt, timeoutMs, signal), policy, {
        signal,
        isRetryable,
        onRetry: ({ attempt, delayMs, error }) =>
          log.warn({ path: QUOTA_PATH, attempt, delayMs, ...describe(error) }, 'wechat attempt failed, retrying'),
      });
    },
    close() {
      closing ??= ownsDispatcher ? dispatcher.close() : Promise.resolve();
      return closing;
    },
  };
}

/** Reads at most maxBytes of body; a longer body is a bad payload and we stop reading at once. */
async function readCapped(body: BodyStream, contentLength: unknown, maxBytes: number, token: string) {
  const tooBig = () => badPayload(`WeChat body exceeded ${maxBytes} bytes`, '', [token]);
  if (typeof contentLength === 'string' && Number(contentLength) > maxBytes) {
    body.destroy();
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    chunks.push(chunk);
    if (size > maxBytes) {
      body.destroy();
      throw badPayload(`WeChat body exceeded ${maxBytes} bytes`, Buffer.concat(chunks).toString('utf8'), [token]);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Log fields for an outcome: codes, numbers and the already-redacted excerpt; never a raw message. */
function describe(error: unknown): Record<string, unknown> {
  if (error instanceof WeChatApiError) return { errcode: error.errcode, category: error.category };
  if (error instanceof WeChatHttpStatusError) return { status: error.status };
  if (error instanceof WeChatTransportError) return { kind: error.kind, code: error.code };
  if (error instanceof WeChatBadPayloadError) return { code: error.code, excerpt: error.excerpt };
  if (error instanceof WeChatError) return { code: error.code };
  return { code: 'UNEXPECTED' };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
