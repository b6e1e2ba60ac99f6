import { setTimeout as delay } from 'node:timers/promises';
import { Agent, type Dispatcher, request } from 'undici';
import type { Logger } from '../logging/logger.js';
import type { Metrics, WeChatCallOutcome } from '../observability/metrics.js';
import { isRetryable } from './errcodes.js';
import {
  WeChatApiError,
  WeChatBadPayloadError,
  WeChatError,
  WeChatHttpStatusError,
  WeChatTransportError,
} from './errors.js';
import { badPayload } from './quota-response.js';
import { withRetries } from './retry.js';
import { attemptTimeoutError, toTransportError } from './transport-error.js';

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
  /** Observes each logical call (retries included); default: not observed. */
  metrics?: Pick<Metrics, 'wechatCall'>;
}

/** One WeChat API call: where, what to send, which values must never appear anywhere, and how to read the answer. */
export interface CallSpec<T> {
  /** The path without query string; the only part of the URL that reaches logs. */
  path: string;
  method: 'GET' | 'POST';
  /** Query parameters (the credential WeChat wants in the URL). */
  query: Record<string, string>;
  /** Sent as JSON when present. */
  json?: unknown;
  /** Every secret this call carries or may receive; redacted from errors and logs. */
  secrets: readonly string[];
  parse: (text: string, secrets: readonly string[]) => T;
  signal?: AbortSignal | undefined;
}

type BodyStream = Dispatcher.ResponseData['body'];

/** Runs CallSpecs with bounded, jittered retries and a hard time budget per call; `close` ends an owned Agent. */
export function createCaller(options: WeChatClientOptions) {
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

  async function attemptOnce<T>(spec: CallSpec<T>, attempt: number, timeoutMs: number): Promise<T> {
    const { signal, path, secrets } = spec;
    const started = performance.now();
    // encodeURIComponent, like redact() expects: it blanks both the raw and this encoded form of every secret.
    const query = Object.entries(spec.query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
    const url = `${options.baseUrl}${path}?${query.join('&')}`;
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
        method: spec.method,
        headers: spec.json === undefined ? { accept: 'application/json' } : JSON_HEADERS,
        ...(spec.json === undefined ? {} : { body: JSON.stringify(spec.json) }),
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
      const text = await readCapped(response.body, response.headers['content-length'], maxBodyBytes, secrets);
      const result = spec.parse(text, secrets);
      log.debug({ path, attempt, status, ms: elapsed(started), errcode: 0 }, 'wechat attempt succeeded');
      return result;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const failure = error instanceof WeChatError ? error : timedOut ? attemptTimeoutError(timeoutMs) : null;
      const mapped = failure ?? toTransportError(error, secrets);
      log.debug({ path, attempt, status, ms: elapsed(started), ...describe(mapped) }, 'wechat attempt failed');
      throw mapped;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    /** Runs one call with retries on busy, 5xx and transport failures. */
    call<T>(spec: CallSpec<T>): Promise<T> {
      if (closing) return Promise.reject(new WeChatTransportError('other', 'WeChat client is closed'));
      const started = performance.now();
      const done = withRetries((attempt, timeoutMs) => attemptOnce(spec, attempt, timeoutMs), policy, {
        signal: spec.signal,
        isRetryable,
        onRetry: ({ attempt, delayMs, error }) =>
          log.warn({ path: spec.path, attempt, delayMs, ...describe(error) }, 'wechat attempt failed, retrying'),
      });
      const { metrics } = options;
      if (!metrics) return done;
      const observe = (outcome: WeChatCallOutcome) =>
        metrics.wechatCall(apiName(spec.path), outcome, (performance.now() - started) / 1000);
      return done.then(
        (result) => {
          observe('ok');
          return result;
        },
        (error: unknown) => {
          observe(callOutcome(error));
          throw error;
        },
      );
    },
    /** Closes the owned Agent (an injected dispatcher stays open: its owner closes it). */
    close(): Promise<void> {
      closing ??= ownsDispatcher ? dispatcher.close() : Promise.resolve();
      return closing;
    },
  };
}

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

/** Reads at most maxBytes of body; a longer body is a bad payload and we stop reading at once. */
async function readCapped(body: BodyStream, contentLength: unknown, maxBytes: number, secrets: readonly string[]) {
  if (typeof contentLength === 'string' && Number(contentLength) > maxBytes) {
    body.destroy();
    throw badPayload(`WeChat body exceeded ${maxBytes} bytes`, '', secrets);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    chunks.push(chunk);
    if (size > maxBytes) {
      body.destroy();
      throw badPayload(`WeChat body exceeded ${maxBytes} bytes`, Buffer.concat(chunks).toString('utf8'), secrets);
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

/** The metric outcome of a failed call; an abort or anything unforeseen counts as transport (no usable answer). */
function callOutcome(error: unknown): WeChatCallOutcome {
  if (error instanceof WeChatApiError) return 'errcode';
  if (error instanceof WeChatHttpStatusError) return 'http';
  if (error instanceof WeChatBadPayloadError) return 'bad_payload';
  return 'transport';
}

/** The endpoint's last path segment (`queryquota`, `api_component_token`): paths are constants, so this is bounded. */
function apiName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
