import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuotaAlert, Subscription } from '../../../src/digest/types.js';
import { LOCALES } from '../../../src/i18n/locale.js';
import { buildHomeView, HOME_MAX_PROVIDERS, type HomeProvider } from '../../../src/slack/blocks/home-view.js';
import { HOME } from '../../../src/slack/ids.js';
import { assertViewWithinBlockKitLimits } from '../../helpers/block-kit-limits.js';
import { hostileString } from '../../properties/arbitraries.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const reading = (rest: number, limit = 27) => ({ rest, limit, speedupRest: 1, speedupLimit: 3, checkedAt: NOW });
const provider = (name: string, quota: HomeProvider['quota']): HomeProvider => ({
  name,
  tokenSource: 'central',
  quota,
  token: { health: 'ok', summary: 'Token refreshed from the central token server.' },
});
const subscription = (i: number): Subscription => ({
  id: `s${i}`,
  teamId: 'T1',
  channelId: `C${String(i).padStart(8, '0')}`,
  schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' },
  subscribedBy: null,
  nextDueAt: NOW,
  pausedAt: i % 2 === 0 ? NOW : null,
  pausedReason: i % 2 === 0 ? `<!channel> removed ${'x'.repeat(500)}` : null,
  createdAt: NOW,
});
const alert = (i: number): QuotaAlert => ({
  id: `a${i}`,
  teamId: 'T1',
  channelId: `C${String(i).padStart(8, '0')}`,
  threshold: i % 2 === 0 ? { unit: 'percent', value: 20 } : { unit: 'count', value: 5 },
  setBy: null,
  pausedAt: null,
  pausedReason: null,
});
const base = { locale: 'en' as const, timeZone: 'Asia/Shanghai', now: NOW, subscriptions: [], alerts: [] };
const text = (view: unknown) => JSON.stringify(view);
const actionIds = (view: { blocks: unknown[] }) =>
  JSON.stringify(view.blocks)
    .match(/"action_id":"[^"]+"/g)
    ?.map((m) => m.slice(13, -1)) ?? [];

describe('buildHomeView', () => {
  it('shows each provider’s numbers, when they were checked and its token health', () => {
    const view = buildHomeView({
      ...base,
      canConfigure: false,
      providers: [provider('Acme', { state: 'live', reading: reading(8) })],
    });
    expect(view.type).toBe('home');
    expect(text(view)).toContain('*8 of 27* audits left');
    expect(text(view)).toContain('expedited 1 of 3');
    expect(text(view)).toContain('Checked <!date^');
    expect(text(view)).toContain('Token (central token server): Token refreshed');
    assertViewWithinBlockKitLimits(view);
  });

  it('gives admins the configuration buttons and members only Refresh', () => {
    const providers = [provider('Acme', { state: 'live', reading: reading(8) })];
    const admin = buildHomeView({ ...base, canConfigure: true, providers });
    expect(actionIds(admin)).toEqual([HOME.refresh, HOME.addProvider, HOME.subscribe, HOME.editProvider]);
    expect(text(admin)).toContain('"value":"Acme"');
    const member = buildHomeView({ ...base, canConfigure: false, providers });
    expect(actionIds(member)).toEqual([HOME.refresh]);
  });

  it('says what is known while a live read is pending, and explains a failure with what to do', () => {
    const view = buildHomeView({
      ...base,
      canConfigure: false,
      providers: [
        provider('Old', { state: 'known', reading: reading(3), pending: true }),
        provider('New', { state: 'unknown', pending: true }),
        provider('Broken', {
          state: 'failed',
          failure: { code: 'X', headline: 'Permission set 18 missing', detail: 'd', action: 'Grant it' },
        }),
      ],
    });
    expect(text(view)).toContain('Last known, checked');
    expect(text(view)).toContain('checking now');
    expect(text(view)).toContain('Could not check:* Permission set 18 missing');
    expect(text(view)).toContain('*What to do:* Grant it');
  });

  it('stays within 100 blocks with any number of providers, digests and alerts, in every language', () => {
    const hostile = `<!channel> *Acme* ${'名'.repeat(300)}`;
    const many = Array.from({ length: 250 }, (_, i) =>
      provider(
        `${hostile}${i}`,
        i % 3 === 0 ? { state: 'live', reading: reading(i) } : { state: 'unknown', pending: false },
      ),
    );
    for (const locale of LOCALES) {
      const view = buildHomeView({
        ...base,
        locale,
        canConfigure: true,
        providers: many.slice(0, HOME_MAX_PROVIDERS),
        moreProviders: many.length - HOME_MAX_PROVIDERS,
        subscriptions: Array.from({ length: 300 }, (_, i) => subscription(i)),
        alerts: Array.from({ length: 300 }, (_, i) => alert(i)),
      });
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      assertViewWithinBlockKitLimits(view);
      expect(text(view)).toContain(locale === 'en' ? '…and 210 more' : '还有 210 个');
      expect(text(view)).toContain(locale === 'en' ? '…and 280 more' : '还有 280 个');
      // Shown text never carries a live broadcast (a button's value is not shown; it is the name as stored).
      expect(text(view).replace(/"value":"[^"]*"/g, '')).not.toContain('<!channel>');
    }
  });

  it('stays within Block Kit limits for any names, failures and token summaries (property)', () => {
    const quotaArb: fc.Arbitrary<HomeProvider['quota']> = fc.oneof(
      fc.record({ state: fc.constant('live' as const), reading: fc.nat({ max: 1_000_000 }).map((n) => reading(n)) }),
      fc.record({ state: fc.constant('unknown' as const), pending: fc.boolean() }),
      fc.record({
        state: fc.constant('failed' as const),
        failure: fc.record({
          code: fc.constant('X'),
          headline: hostileString(300),
          detail: hostileString(300),
          action: hostileString(1200),
        }),
      }),
    );
    const providerArb = fc.record({
      name: hostileString(120),
      tokenSource: fc.constantFrom('static' as const, 'central' as const, 'component' as const),
      quota: quotaArb,
      token: fc.option(
        fc.record({
          health: fc.constantFrom('ok' as const, 'attention' as const, 'broken' as const),
          summary: hostileString(600),
        }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(providerArb, { maxLength: HOME_MAX_PROVIDERS }),
        fc.nat({ max: 500 }),
        fc.constantFrom(...LOCALES),
        fc.boolean(),
        (providers, more, locale, canConfigure) => {
          const view = buildHomeView({ ...base, locale, canConfigure, providers, moreProviders: more });
          assertViewWithinBlockKitLimits(view);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('speaks Simplified Chinese', () => {
    const view = buildHomeView({
      ...base,
      locale: 'zh-CN',
      canConfigure: true,
      providers: [provider('Acme', { state: 'live', reading: reading(8) })],
      subscriptions: [subscription(1)],
      alerts: [alert(2)],
    });
    expect(text(view)).toContain('剩余提审 *8 / 27*');
    expect(text(view)).toContain('每周一 09:00（Asia/Shanghai）');
    expect(text(view)).toContain('剩余提审降到额度的 20% 时');
    expect(text(view)).toContain('"text":"刷新"');
  });

  it('tells members and admins differently that no provider is set up', () => {
    expect(text(buildHomeView({ ...base, canConfigure: false, providers: [] }))).toContain('/quota setup');
    expect(text(buildHomeView({ ...base, canConfigure: true, providers: [] }))).toContain('*Add provider*');
  });
});
