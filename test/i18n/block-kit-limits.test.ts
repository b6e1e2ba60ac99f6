import type { ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/i18n/locale.js';
import { explainFailure, type FailureExplanation } from '../../src/quota/explain-failure.js';
import type { QuotaReading } from '../../src/quota/types.js';
import { buildAlertMessage } from '../../src/slack/blocks/alert-message.js';
import { buildDigestMessage, type DigestEntry } from '../../src/slack/blocks/digest-message.js';
import {
  buildCheckingMessage,
  buildHelpMessage,
  buildInternalErrorMessage,
  buildNoProvidersMessage,
  buildNotAvailableMessage,
  buildQuotaMessage,
  buildUnknownProviderMessage,
  buildWorkingMessage,
  type ProviderOutcome,
  type SlackMessage,
} from '../../src/slack/blocks/index.js';
import { buildPausedMessage } from '../../src/slack/blocks/paused-message.js';
import { buildRefusalMessage } from '../../src/slack/blocks/refusal-message.js';
import { buildSetupModal } from '../../src/slack/blocks/setup-modal.js';
import {
  buildAlertSetMessage,
  buildCommandProblemMessage,
  buildSubscribedMessage,
  buildSubscriptionsMessage,
} from '../../src/slack/blocks/subscription-messages.js';
import { buildReauthNoticeMessage, buildSetupResultMessage } from '../../src/slack/blocks/token-messages.js';
import {
  CentralTokenError,
  CredentialsUnreadableError,
  ReauthorizationRequiredError,
  TicketMissingError,
  TokenExpiredError,
  TokenRefreshBusyError,
  TokenRefreshError,
} from '../../src/tokens/errors.js';
import {
  type ErrcodeCategory,
  WeChatApiError,
  WeChatBadPayloadError,
  WeChatHttpStatusError,
  WeChatTransportError,
} from '../../src/wechat/errors.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

const NOW = new Date('2026-11-26T01:00:00Z');
/** The longest provider name there is (80 code points), wide characters and markup included. */
const LONG_NAME = `腾讯<!channel>*&${'云'.repeat(64)}`;
const HOSTILE = `<!here> ${'错'.repeat(3000)} &amp; \`x\``;
const reading = (rest: number): QuotaReading => ({ rest, limit: 27, speedupRest: 0, speedupLimit: 3, checkedAt: NOW });

const CATEGORIES: ErrcodeCategory[] = [
  'busy',
  'token_rejected',
  'daily_limit',
  'rate_limited',
  'permission_missing',
  'deauthorized',
  'ip_not_whitelisted',
  'ticket_problem',
  'wrong_token_type',
  'refresh_token_invalid',
  'unknown',
];

/** One of every failure the bot explains, in `locale`. */
function everyFailure(locale: Locale): FailureExplanation[] {
  const errors: unknown[] = [
    ...CATEGORIES.map((category) => new WeChatApiError(48001, HOSTILE, category)),
    ...(['timeout', 'refused', 'reset', 'dns', 'other'] as const).map((k) => new WeChatTransportError(k, 'x')),
    new WeChatHttpStatusError(429, 'slow'),
    new WeChatHttpStatusError(502, 'bad gateway'),
    new WeChatBadPayloadError('bad', HOSTILE),
    new TokenExpiredError(LONG_NAME, NOW),
    new CredentialsUnreadableError(LONG_NAME),
    new CentralTokenError('http_status', 'tokens.example.com', 'tokens.example.com answered HTTP 401', 401),
    new CentralTokenError('bad_payload', 'tokens.example.com', 'tokens.example.com answered something else'),
    new CentralTokenError('timeout', 'tokens.example.com', 'tokens.example.com could not be reached'),
    new TicketMissingError('wx0123456789abcdef', null),
    new TicketMissingError('wx0123456789abcdef', NOW),
    new ReauthorizationRequiredError(LONG_NAME, 'unauthorized', NOW),
    new TokenRefreshBusyError('authorizer'),
    new TokenRefreshError('component', new WeChatApiError(45009, 'limit', 'daily_limit')),
    new Error('boom'),
  ];
  return errors.flatMap((error) =>
    (['static', 'central', 'component'] as const).map((tokenSource) =>
      explainFailure(error, { teamId: 'T0123ABCD', providerName: LONG_NAME, tokenSource, locale }),
    ),
  );
}

function expectFits(message: SlackMessage, what: string): void {
  expect(blockKitViolations(message), `${what}: ${JSON.stringify(message).slice(0, 500)}`).toEqual([]);
}

/** Modal limits: title, submit and close 24, labels 2000, hints 2000, radio options and descriptions 75. */
function modalViolations(view: ModalView): string[] {
  const problems: string[] = [];
  for (const [where, text] of [
    ['title', view.title.text],
    ['submit', view.submit?.text ?? ''],
    ['close', view.close?.text ?? ''],
  ] as const) {
    if (text.length === 0 || text.length > 24) problems.push(`${where}: "${text}" (max 24)`);
  }
  if (view.blocks.length > 100) problems.push(`${view.blocks.length} blocks (max 100)`);
  type Text = { text: string };
  type Shape = {
    type: string;
    text: Text;
    label: Text;
    hint?: Text;
    element: { options?: Array<{ text: Text; description: Text }> };
  };
  for (const block of view.blocks as unknown as Shape[]) {
    if (block.type === 'header' && block.text.text.length > 150) problems.push(`header: ${block.text.text}`);
    if (block.type !== 'input') continue;
    if (block.label.text.length > 2000) problems.push(`label too long: ${block.label.text.slice(0, 40)}`);
    if ((block.hint?.text.length ?? 0) > 2000) problems.push(`hint too long: ${block.hint?.text.slice(0, 40)}`);
    for (const option of block.element.options ?? []) {
      if (option.text.text.length > 75) problems.push(`option: ${option.text.text}`);
      if (option.description.text.length > 75) problems.push(`option description: ${option.description.text}`);
    }
  }
  return problems;
}

describe.each(LOCALES)('every message in %s stays within Block Kit limits', (locale) => {
  const failures = everyFailure(locale);

  it('the /quota answer: every failure explained, one provider, ten, and three hundred', () => {
    const failed: ProviderOutcome[] = failures.map((failure, i) => ({ name: `${LONG_NAME}${i}`, ok: false, failure }));
    const ok: ProviderOutcome[] = [0, 1, 3, 27].map((rest) => ({ name: LONG_NAME, ok: true, reading: reading(rest) }));
    for (const outcomes of [ok.slice(0, 1), failed.slice(0, 1), [...ok, ...failed].slice(0, 10), [...ok, ...failed]]) {
      expectFits(buildQuotaMessage({ outcomes, now: NOW, timeZone: 'Asia/Shanghai', locale }), `${outcomes.length}`);
    }
    const many = Array.from({ length: 300 }, (_, i) => (i % 2 ? ok[i % 4] : failed[i % failed.length]));
    expectFits(buildQuotaMessage({ outcomes: many as ProviderOutcome[], now: NOW, timeZone: 'UTC', locale }), '300');
    for (const failure of failures) {
      expectFits(
        buildSetupResultMessage({ providerName: LONG_NAME, replaced: true, outcome: { ok: false, failure }, locale }),
        failure.code,
      );
    }
  });

  it('help, placeholders, refusals, unknown names and problems', () => {
    const known = Array.from({ length: 200 }, (_, i) => `${LONG_NAME}${i}`);
    for (const message of [
      buildHelpMessage({ locale }),
      buildHelpMessage({ reason: HOSTILE, locale }),
      buildNoProvidersMessage({ teamId: 'T0123ABCD', locale }),
      buildUnknownProviderMessage({ requested: HOSTILE, known, locale }),
      buildUnknownProviderMessage({ requested: LONG_NAME, known: [], locale }),
      buildNotAvailableMessage({ feature: HOSTILE, locale }),
      buildRefusalMessage({ purpose: HOSTILE, locale, askUserIds: ['U0AAAAAAA1', 'U0AAAAAAA2', 'U0AAAAAAA3'] }),
      buildInternalErrorMessage(locale),
      buildCheckingMessage(locale),
      buildWorkingMessage(locale),
      buildCommandProblemMessage({ problem: HOSTILE, usage: '`/quota alert N`', locale }),
      buildReauthNoticeMessage({ providerName: LONG_NAME, reason: 'refresh_token_invalid', locale }),
      buildPausedMessage({ what: 'alert', channelId: 'C0123ABCD', error: HOSTILE, locale }),
      buildPausedMessage({ what: 'digest', channelId: 'C0123ABCD', error: 'is_archived', locale }),
    ]) {
      expectFits(message, message.text.slice(0, 40));
    }
  });

  it('digests with every forecast, alerts, and subscription answers', () => {
    const week = (kind: 'exhausted' | 'unknown' | 'on-track' | 'runs-out') => ({
      thisWeek: { audits: 9, expedited: 1, coveredFrom: NOW, partial: true },
      trend: [1, null, 3, 4, 5, 6, 7, 8],
      forecast:
        kind === 'on-track'
          ? { kind, leftAtReset: 5 }
          : kind === 'runs-out'
            ? { kind, on: NOW, daysBeforeReset: 3 }
            : { kind },
    });
    const entries = Array.from({ length: 120 }, (_, i): DigestEntry => {
      if (i % 5 === 0)
        return { name: LONG_NAME, ok: false, failure: failures[i % failures.length] as FailureExplanation };
      const kind = (['exhausted', 'unknown', 'on-track', 'runs-out'] as const)[i % 4] ?? 'unknown';
      return { name: `${LONG_NAME}${i}`, ok: true, reading: reading(i % 28), week: week(kind) } as DigestEntry;
    });
    for (const shown of [entries.slice(0, 5), entries, []]) {
      const digest = { entries: shown, teamId: 'T0123ABCD', now: NOW, timeZone: 'Europe/Berlin', locale };
      expectFits(buildDigestMessage({ ...digest, quotaTimeZone: 'Asia/Shanghai' }), `digest of ${shown.length}`);
    }
    for (const threshold of [
      { unit: 'count', value: 10_000 },
      { unit: 'percent', value: 99 },
    ] as const) {
      for (const rest of [0, 5]) {
        const alert = { providerName: LONG_NAME, reading: reading(rest), threshold, now: NOW, locale };
        expectFits(buildAlertMessage({ ...alert, quotaTimeZone: 'Asia/Shanghai' }), 'alert');
      }
      expectFits(buildAlertSetMessage({ channelId: 'C0123ABCD', threshold, existed: true, locale }), 'alert set');
    }
    const schedule = { weekday: 7, hour: 23, minute: 59, timeZone: 'America/Argentina/ComodRivadavia' };
    expectFits(
      buildSubscribedMessage({ channelId: 'C0123ABCD', schedule, nextDueAt: NOW, replaced: false, locale }),
      'subscribed',
    );
    const subscriptions = Array.from({ length: 150 }, (_, i) => ({
      id: `s${i}`,
      teamId: 'T0123ABCD',
      channelId: `C0123ABC${i}`,
      schedule,
      subscribedBy: null,
      nextDueAt: NOW,
      pausedAt: i % 2 ? NOW : null,
      pausedReason: HOSTILE,
      createdAt: NOW,
    }));
    expectFits(buildSubscriptionsMessage({ subscriptions, alerts: [], locale }), 'subscriptions');
  });

  it('the setup modal, adding and editing', () => {
    const editing = { name: LONG_NAME, source: 'central' as const, prefill: {}, masked: { centralUrl: 'https://x/…' } };
    for (const view of [
      buildSetupModal({ editing: null, privateMetadata: '{}', suggestedName: LONG_NAME, locale }),
      buildSetupModal({ editing, privateMetadata: '{}', locale }),
    ]) {
      expect(modalViolations(view)).toEqual([]);
    }
  });
});
