import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuotaAlert, Subscription } from '../../src/digest/types.js';
import { LOCALES } from '../../src/i18n/locale.js';
import { explainFailure, type FailureExplanation } from '../../src/quota/explain-failure.js';
import type { Provider, QuotaReading } from '../../src/quota/types.js';
import { buildAlertMessage } from '../../src/slack/blocks/alert-message.js';
import { buildDigestMessage, type DigestEntry } from '../../src/slack/blocks/digest-message.js';
import {
  buildHelpMessage,
  buildNoProvidersMessage,
  buildQuotaMessage,
  buildUnknownProviderMessage,
  type ProviderOutcome,
  type SlackMessage,
} from '../../src/slack/blocks/index.js';
import { buildPausedMessage } from '../../src/slack/blocks/paused-message.js';
import { buildRefusalMessage } from '../../src/slack/blocks/refusal-message.js';
import { buildSetupModal } from '../../src/slack/blocks/setup-modal.js';
import { buildNotAvailableMessage } from '../../src/slack/blocks/status-messages.js';
import { buildCommandProblemMessage, buildSubscriptionsMessage } from '../../src/slack/blocks/subscription-messages.js';
import { buildReauthNoticeMessage, buildSetupResultMessage } from '../../src/slack/blocks/token-messages.js';
import { buildTokenStatusMessage } from '../../src/slack/blocks/token-status-message.js';
import type { TokenStatus } from '../../src/tokens/provider-status.js';
import { WeChatApiError, WeChatBadPayloadError } from '../../src/wechat/errors.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';
import { hostileText } from './arbitraries.js';

const RUNS = { numRuns: 60 };
const NOW = new Date('2026-11-26T01:00:00Z');
/** Usage lines are the bot's own constants; only the problem quotes what the user typed. */
const USAGE = '`/quota alert N|N% [#channel]` or `/quota alert off`';

/** Every `text` string of a view (labels, hints, sections), not input values the admin typed themselves. */
function viewTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) viewTexts(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'text' && typeof inner === 'string') out.push(inner);
      else if (key !== 'initial_value') viewTexts(inner, out);
    }
  }
  return out;
}

/** Every builder is checked in every language the bot speaks. */
const lang = fc.constantFrom(...LOCALES);
const zone = fc.constantFrom('Asia/Shanghai', 'UTC', 'America/St_Johns', 'Pacific/Kiritimati', 'Europe/Berlin');
const date = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2035-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const count = fc.oneof(fc.nat({ max: 100 }), fc.nat({ max: 2_000_000_000 }));
const reading: fc.Arbitrary<QuotaReading> = fc.record({
  rest: count,
  limit: count,
  speedupRest: count,
  speedupLimit: count,
  checkedAt: date,
});
const failure: fc.Arbitrary<FailureExplanation> = fc.oneof(
  fc.record({ code: hostileText(), headline: hostileText(), detail: hostileText(), action: hostileText() }),
  fc
    .tuple(fc.integer({ min: -1, max: 99_999 }), hostileText(), hostileText())
    .map(([errcode, errmsg, name]) =>
      explainFailure(new WeChatApiError(errcode, errmsg, 'unknown'), { providerName: name, teamId: 'T0123' }),
    ),
  hostileText().map((excerpt) => explainFailure(new WeChatBadPayloadError('bad', excerpt))),
);
const outcome: fc.Arbitrary<ProviderOutcome> = fc.oneof(
  fc.record({ name: hostileText(), ok: fc.constant(true as const), reading }),
  fc.record({ name: hostileText(), ok: fc.constant(false as const), failure }),
);
/** One provider, a handful, or far more than fit in a message. */
const many = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(
    fc.array(item, { minLength: 1, maxLength: 3 }),
    fc.array(item, { minLength: 4, maxLength: 15 }),
    fc.array(item, { minLength: 40, maxLength: 120 }),
  );

function expectWithinLimits(message: SlackMessage): void {
  const problems = blockKitViolations(message);
  expect(problems, JSON.stringify(message).slice(0, 2000)).toEqual([]);
}

describe('Block Kit builders hold every limit for any input', () => {
  it('quota message', () => {
    fc.assert(
      fc.property(many(outcome), zone, date, lang, (outcomes, timeZone, now, locale) => {
        expectWithinLimits(buildQuotaMessage({ outcomes, now, timeZone, locale }));
      }),
      RUNS,
    );
  });

  it('digest message', () => {
    const trend = fc.array(fc.option(fc.nat({ max: 10_000 }), { nil: null }), { minLength: 8, maxLength: 8 });
    const forecast = fc.oneof(
      fc.constant({ kind: 'exhausted' as const }),
      fc.constant({ kind: 'unknown' as const }),
      fc.record({ kind: fc.constant('on-track' as const), leftAtReset: count }),
      fc.record({ kind: fc.constant('runs-out' as const), on: date, daysBeforeReset: fc.nat({ max: 40 }) }),
    );
    const week = fc.record({
      thisWeek: fc.option(fc.record({ audits: count, speedups: count, coveredFrom: date, partial: fc.boolean() }), {
        nil: null,
      }),
      trend,
      forecast,
    });
    const entry: fc.Arbitrary<DigestEntry> = fc.oneof(
      fc.record({ name: hostileText(), ok: fc.constant(true as const), reading, week }),
      fc.record({ name: hostileText(), ok: fc.constant(false as const), failure }),
    ) as fc.Arbitrary<DigestEntry>;
    fc.assert(
      fc.property(many(entry), hostileText(), zone, zone, lang, (entries, teamId, timeZone, quotaTimeZone, locale) => {
        expectWithinLimits(buildDigestMessage({ entries, teamId, now: NOW, timeZone, quotaTimeZone, locale }));
      }),
      RUNS,
    );
  });

  it('alert, help, unknown provider, no providers, status and problem messages', () => {
    const threshold = fc.oneof(
      fc.record({ unit: fc.constant('count' as const), value: fc.nat({ max: 10_000 }) }),
      fc.record({ unit: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 99 }) }),
    );
    fc.assert(
      fc.property(
        hostileText(),
        fc.array(hostileText(), { maxLength: 120 }),
        reading,
        threshold,
        zone,
        lang,
        (a, known, r, t, quotaTimeZone, locale) => {
          expectWithinLimits(
            buildAlertMessage({ providerName: a, reading: r, threshold: t, now: NOW, quotaTimeZone, locale }),
          );
          expectWithinLimits(buildHelpMessage({ reason: a, locale }));
          expectWithinLimits(buildHelpMessage({ locale }));
          expectWithinLimits(buildUnknownProviderMessage({ requested: a, known, locale }));
          expectWithinLimits(buildNoProvidersMessage({ teamId: a, locale }));
          expectWithinLimits(buildNotAvailableMessage({ feature: a, locale }));
          expectWithinLimits(
            buildRefusalMessage({
              purpose: a,
              locale,
              askUserIds: ['U0AAAAAAA1', 'U0AAAAAAA2', 'U0AAAAAAA3', 'U0AAAAAAA4'],
            }),
          );
          expectWithinLimits(buildCommandProblemMessage({ problem: a, usage: USAGE, locale }));
          expectWithinLimits(buildCommandProblemMessage({ problem: `“${a}” is not a channel.`, usage: USAGE, locale }));
          expectWithinLimits(buildPausedMessage({ what: 'digest', channelId: 'C0123ABCD', error: a, locale }));
          expectWithinLimits(buildReauthNoticeMessage({ providerName: a, reason: 'deauthorized', locale }));
        },
      ),
      RUNS,
    );
  });

  it('setup result and token status messages', () => {
    const provider = (name: string, i: number): Provider => ({
      id: `p${i}`,
      teamId: 'T0123',
      name,
      tokenSource: (['static', 'central', 'component'] as const)[i % 3] as Provider['tokenSource'],
      tokenExpiresAt: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    const status = fc.record({
      name: hostileText(),
      health: fc.constantFrom('ok' as const, 'attention' as const, 'broken' as const),
      summary: hostileText(),
      tokenExpiresAt: fc.option(date, { nil: null }),
      lastRefreshAt: fc.option(date, { nil: null }),
      lastTicketAt: fc.option(date, { nil: null }),
    });
    fc.assert(
      fc.property(
        hostileText(),
        fc.boolean(),
        fc.oneof(
          fc.record({ ok: fc.constant(true as const), reading }),
          fc.record({ ok: fc.constant(false as const), failure }),
        ),
        fc.oneof(fc.constant([]), many(status)),
        zone,
        lang,
        (name, replaced, result, statuses, timeZone, locale) => {
          expectWithinLimits(buildSetupResultMessage({ providerName: name, replaced, outcome: result, locale }));
          const full: TokenStatus[] = statuses.map(({ name: n, ...rest }, i) => ({
            provider: provider(n, i),
            ...rest,
          }));
          expectWithinLimits(buildTokenStatusMessage({ statuses: full, timeZone, locale }));
        },
      ),
      RUNS,
    );
  });

  it('subscriptions message, with any number of digests and alerts', () => {
    const subscription = fc.record({
      id: fc.uuid(),
      teamId: fc.constant('T0123'),
      channelId: fc.stringMatching(/^C[A-Z0-9]{8,10}$/),
      schedule: fc.record({
        weekday: fc.integer({ min: 1, max: 7 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        timeZone: zone,
      }),
      subscribedBy: fc.option(fc.constant('U0123'), { nil: null }),
      nextDueAt: date,
      pausedAt: fc.option(date, { nil: null }),
      pausedReason: fc.option(hostileText(), { nil: null }),
      createdAt: date,
    }) as fc.Arbitrary<Subscription>;
    const alert = fc.record({
      id: fc.uuid(),
      teamId: fc.constant('T0123'),
      channelId: fc.stringMatching(/^C[A-Z0-9]{8,10}$/),
      threshold: fc.record({ unit: fc.constant('count' as const), value: fc.nat({ max: 10_000 }) }),
      setBy: fc.constant(null),
      pausedAt: fc.option(date, { nil: null }),
      pausedReason: fc.option(hostileText(), { nil: null }),
    }) as fc.Arbitrary<QuotaAlert>;
    fc.assert(
      fc.property(
        fc.array(subscription, { maxLength: 80 }),
        fc.array(alert, { maxLength: 80 }),
        lang,
        (subscriptions, alerts, locale) => {
          expectWithinLimits(buildSubscriptionsMessage({ subscriptions, alerts, locale }));
        },
      ),
      RUNS,
    );
  });

  it('setup modal: any name keeps the view within its limits', () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), lang, (name, metadata, locale) => {
        const view = buildSetupModal({
          locale,
          editing: {
            name,
            source: 'component',
            prefill: { componentAppId: name },
            masked: { componentSecret: '••••abcd' },
          },
          privateMetadata: metadata.slice(0, 3000),
          suggestedName: name,
        });
        expect(view.title.text.length).toBeLessThanOrEqual(24);
        expect(view.blocks.length).toBeLessThanOrEqual(100);
        for (const text of viewTexts(view)) expect(text).not.toMatch(/<!(channel|here|everyone)\b/);
        expect(view.private_metadata?.length ?? 0).toBeLessThanOrEqual(3000);
        for (const block of view.blocks as Array<{ type: string; text?: { text: string } }>) {
          if (block.type === 'header') expect(block.text?.text.length).toBeLessThanOrEqual(150);
          if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
        }
      }),
      RUNS,
    );
  });
});
