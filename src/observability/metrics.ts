import type { Registry as RegistryType } from 'prom-client';
import { cellCounter } from './counter-cells.js';
import { withProcessMetrics } from './process-metrics.js';
import { Histogram, Registry } from './prom.js';

/** Where a command came from. */
export type CommandSurface = 'slash' | 'mention';
/** How a command's answer turned out: data, an explained failure (WeChat, token), a refusal, or our own error. */
export type CommandOutcome = 'ok' | 'failed' | 'refused' | 'error';
/** How one logical WeChat call (all its retries) ended. */
export type WeChatCallOutcome = 'ok' | 'errcode' | 'http' | 'transport' | 'bad_payload';
/** Which cached token a refresh produced. */
export type TokenRefreshSource = 'central' | 'component' | 'authorizer';
export type TokenRefreshOutcome = 'ok' | 'failed';
/** A weekly digest or a low-quota alert. */
export type DeliveryMetricKind = 'digest' | 'alert';

/**
 * What the bot counts, for Prometheus. Labels are small fixed sets: never a team id, a provider name or anything a
 * user typed, so the scrape reveals nothing about who uses the bot.
 */
export interface Metrics {
  /** What `GET /metrics` answers: this app's metrics plus the process's default ones (unless left out). */
  scrape(): Promise<{ contentType: string; text: string }>;
  /** One `/quota` or mention answered; `kind` is the parsed command kind or subcommand word (a bounded set). */
  commandHandled(surface: CommandSurface, kind: string, outcome: CommandOutcome): void;
  /** One logical WeChat call, retries included; `api` is the endpoint's last path segment. */
  wechatCall(api: string, outcome: WeChatCallOutcome, seconds: number): void;
  /** One token refresh actually performed (not a cache hit). */
  tokenRefresh(source: TokenRefreshSource, outcome: TokenRefreshOutcome): void;
  /** A digest or alert posted to its channel. */
  digestDelivered(kind: DeliveryMetricKind): void;
  /** A digest or alert given up on (failed for good, or paused because the channel refused it). */
  digestFailed(kind: DeliveryMetricKind): void;
}

/** WeChat answers in ~50–300 ms; retries and the 9 s budget stretch a bad call towards 10 s. */
export const WECHAT_SECONDS_BUCKETS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The metric names, for tests and the README. */
export const METRIC_NAMES = {
  commands: 'quota_bot_commands_total',
  wechatSeconds: 'quota_bot_wechat_call_duration_seconds',
  tokenRefreshes: 'quota_bot_token_refreshes_total',
  digestsDelivered: 'quota_bot_digests_delivered_total',
  digestsFailed: 'quota_bot_digests_failed_total',
} as const;

/** Builds the metrics of one app on its own registry, so two apps in one process never share a counter. */
export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const own = new Registry();
  const commands = cellCounter(own, METRIC_NAMES.commands, 'Slack commands answered, by kind and outcome', [
    'surface',
    'kind',
    'outcome',
  ]);
  const wechat = new Histogram({
    name: METRIC_NAMES.wechatSeconds,
    help: 'WeChat API calls (retries included) by endpoint and outcome, and how long they took',
    labelNames: ['api', 'outcome'],
    buckets: [...WECHAT_SECONDS_BUCKETS],
    registers: [own],
  });
  const refreshes = cellCounter(own, METRIC_NAMES.tokenRefreshes, 'Access token refreshes by source and outcome', [
    'source',
    'outcome',
  ]);
  const delivered = cellCounter(own, METRIC_NAMES.digestsDelivered, 'Digests and alerts posted', ['kind']);
  const failed = cellCounter(own, METRIC_NAMES.digestsFailed, 'Digests and alerts given up on', ['kind']);
  // Merged at the first scrape, after every metric above is registered: a merge holds the metrics it saw.
  let scraped: Promise<RegistryType> | null = null;

  return {
    async scrape() {
      scraped ??= options.processMetrics === false ? Promise.resolve(own) : withProcessMetrics(own);
      const registry = await scraped;
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
    commandHandled: (surface, kind, outcome) => commands.inc(surface, kind, outcome),
    wechatCall: (api, outcome, seconds) => wechat.observe({ api, outcome }, seconds),
    tokenRefresh: (source, outcome) => refreshes.inc(source, outcome),
    digestDelivered: (kind) => delivered.inc(kind),
    digestFailed: (kind) => failed.inc(kind),
  };
}

/** Counts nothing: for callers outside the bot (the CLI, unit tests) that have no /metrics to show. */
export const noopMetrics: Metrics = Object.freeze({
  scrape: async () => ({ contentType: Registry.PROMETHEUS_CONTENT_TYPE, text: '' }),
  commandHandled: () => undefined,
  wechatCall: () => undefined,
  tokenRefresh: () => undefined,
  digestDelivered: () => undefined,
  digestFailed: () => undefined,
});
