import { describe, expect, it } from 'vitest';
import type { QuotaReading } from '../../../src/quota/types.js';
import type { WeeklySummary } from '../../../src/quota/weekly-summary.js';
import { buildAlertMessage } from '../../../src/slack/blocks/alert-message.js';
import { buildDigestMessage, type DigestEntry } from '../../../src/slack/blocks/digest-message.js';
import { buildPausedMessage } from '../../../src/slack/blocks/paused-message.js';
import { buildSubscriptionsMessage } from '../../../src/slack/blocks/subscription-messages.js';
import { assertWithinBlockKitLimits } from '../../helpers/block-kit-limits.js';

const NOW = new Date('2026-11-23T01:00:00Z'); // Mon 23 Nov, 09:00 Beijing time
const reading = (rest: number, limit = 27): QuotaReading => ({
  rest,
  limit,
  speedupRest: 1,
  speedupLimit: 3,
  checkedAt: NOW,
});
const week = (over: Partial<WeeklySummary> = {}): WeeklySummary => ({
  thisWeek: { audits: 7, expedited: 1, coveredFrom: new Date('2026-11-16T01:00:00Z') },
  trend: [null, null, 2, 4, 3, 5, 6, 7],
  forecast: { kind: 'runs-out', on: new Date('2026-11-24T01:00:00Z'), daysBeforeReset: 7 },
  ...over,
});
const ok = (name: string, rest = 7, over: Partial<WeeklySummary> = {}): DigestEntry => ({
  name,
  ok: true,
  reading: reading(rest),
  week: week(over),
});
const input = (entries: DigestEntry[]) => ({
  entries,
  teamId: 'T0FAKE001',
  now: NOW,
  timeZone: 'Asia/Shanghai',
  quotaTimeZone: 'Asia/Shanghai',
});
const visible = (m: unknown) => JSON.stringify(m);

describe('buildDigestMessage', () => {
  it('shows, per provider, audits left, used this week, the trend and when audits run out', () => {
    const message = buildDigestMessage(input([ok('Acme')]));
    const shown = visible(message.blocks);
    expect(shown).toContain('*7 of 27* audits left');
    expect(shown).toContain('expedited *1 of 3*');
    expect(shown).toContain('Used this week: *7* (1 expedited)');
    expect(shown).toContain('8 weeks ··▄▅▅▆▇█');
    expect(shown).toContain('run out on *Tue 24 Nov*, 7 days before the reset');
    expect(message.text).toContain('Acme 7 of 27 left, 7 used this week, runs out Tue 24 Nov');
    assertWithinBlockKitLimits(message);
  });

  it('says “on track”, “no audits left” and “not enough history” in words', () => {
    const shown = visible(
      buildDigestMessage(
        input([
          ok('Calm', 20, { forecast: { kind: 'on-track', leftAtReset: 13 } }),
          ok('Empty', 0, { forecast: { kind: 'exhausted' } }),
          ok('New', 20, {
            thisWeek: null,
            trend: [null, null, null, null, null, null, null, null],
            forecast: { kind: 'unknown' },
          }),
        ]),
      ),
    );
    expect(shown).toContain('On track: at this week’s pace about 13 will be left at the reset (1 Dec)');
    expect(shown).toContain('errcode 85085');
    expect(shown).toContain('Not enough history yet');
    expect(shown).toContain('Used this week: no readings yet');
  });

  it('explains a provider that could not be checked, next to those that could', () => {
    const failed: DigestEntry = {
      name: 'Broken',
      ok: false,
      failure: {
        code: 'WECHAT_API_PERMISSION_MISSING',
        headline: 'Permission missing',
        detail: 'd',
        action: 'Grant set 18.',
      },
    };
    const message = buildDigestMessage(input([ok('Acme'), failed]));
    expect(visible(message.blocks)).toContain('Could not check: Permission missing. Grant set 18.');
    expect(message.text).toContain('Broken: could not check');
  });

  it('says how to add a provider when the workspace has none', () => {
    const message = buildDigestMessage(input([]));
    expect(visible(message)).toContain('provider add --team T0FAKE001');
    assertWithinBlockKitLimits(message);
  });

  it('holds Block Kit limits with 200 providers with 2,000-character names, most urgent first', () => {
    const entries = Array.from({ length: 200 }, (_, i) =>
      ok(
        `${'<!channel> & @here '.repeat(100)}${i}`.slice(0, 2000),
        i % 27,
        i === 150 ? { forecast: { kind: 'exhausted' } } : {},
      ),
    );
    const message = buildDigestMessage(input(entries));
    assertWithinBlockKitLimits(message);
    expect(visible(message.blocks)).toContain('more — `/quota` shows every provider');
    expect(visible(message.blocks[2])).toContain('🔴');
  });

  it('holds the limits with 11 long-named providers (the detailed layout would not fit)', () => {
    const message = buildDigestMessage(input(Array.from({ length: 11 }, (_, i) => ok(`${'Ä'.repeat(1999)}${i}`))));
    assertWithinBlockKitLimits(message);
  });
});

describe('alert, paused and list messages', () => {
  it('warns with the numbers and the threshold, and says when submissions fail', () => {
    const low = buildAlertMessage({
      providerName: 'Acme',
      reading: reading(5),
      threshold: { unit: 'count', value: 5 },
      now: NOW,
      quotaTimeZone: 'Asia/Shanghai',
    });
    expect(low.text).toContain('Acme has 5 of 27 audits left (alert at 5 audits left)');
    assertWithinBlockKitLimits(low);
    const none = buildAlertMessage({
      providerName: 'Acme',
      reading: reading(0),
      threshold: { unit: 'percent', value: 20 },
      now: NOW,
      quotaTimeZone: 'Asia/Shanghai',
    });
    expect(visible(none)).toContain('85085');
    expect(none.text).toContain('20% of the month’s limit');
  });

  it('tells the subscriber how to bring the bot back into the channel', () => {
    const message = buildPausedMessage({ what: 'digest', channelId: 'C0123ABCD', error: 'not_in_channel' });
    expect(visible(message)).toContain('/invite @Quota Bot');
    expect(visible(message)).toContain('/quota subscribe <#C0123ABCD>');
    assertWithinBlockKitLimits(message);
  });

  it('lists hundreds of subscriptions within the limits', () => {
    const subscriptions = Array.from({ length: 400 }, (_, i) => ({
      id: `s${i}`,
      teamId: 'T0FAKE001',
      channelId: `C${String(i).padStart(9, '0')}`,
      schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'America/Argentina/ComodRivadavia' },
      subscribedBy: null,
      nextDueAt: NOW,
      pausedAt: i % 2 ? NOW : null,
      pausedReason: i % 2 ? 'not_in_channel' : null,
      createdAt: NOW,
    }));
    const message = buildSubscriptionsMessage({ subscriptions, alerts: [] });
    assertWithinBlockKitLimits(message);
    expect(visible(message)).toContain('more.');
  });
});
