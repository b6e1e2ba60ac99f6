import { expect, it } from 'vitest';
import type { ProviderCredentials } from '../../src/quota/types.js';
import { buildTokenStatusMessage } from '../../src/slack/blocks/token-status-message.js';
import { storeTicket } from '../../src/store/component-tickets.js';
import { markReauthRequired } from '../../src/store/provider-state.js';
import { saveProvider } from '../../src/store/providers.js';
import { recordRefreshFailure, storeRefreshedToken, tryTakeLease } from '../../src/store/token-cache.js';
import { describeTokenStatus } from '../../src/tokens/provider-status.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { describeEachDatabase } from '../helpers/databases.js';

const TEAM = 'T0TEAM001';
const NOW = new Date('2026-11-26T10:00:00Z');
const component = (authorizer: string): ProviderCredentials => ({
  kind: 'component',
  componentAppId: 'wxc0c0c0c0c0c0c0c0',
  componentSecret: 's',
  authorizerAppId: authorizer,
  refreshToken: 'r',
  callbackToken: 'tok',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
});

describeEachDatabase('/quota status', (ctx) => {
  const save = async (name: string, credentials: ProviderCredentials, tokenExpiresAt: Date | null = null) =>
    (await saveProvider(ctx.database.db, ctx.box, { teamId: TEAM, name, credentials, tokenExpiresAt, now: NOW }))
      .provider;

  it('tells each provider’s health from what is stored', async () => {
    await save('Expired', { kind: 'static', token: 't' }, new Date('2026-11-26T09:00:00Z'));
    await save('Pasted', { kind: 'static', token: 't' }, new Date('2026-11-26T11:00:00Z'));
    const central = await save('Central', { kind: 'central', url: 'https://t.example.com', header: null });
    await save('Waiting', component('wxa1a1a1a1a1a1a1a1'));
    const fresh = await save('Fresh', component('wxa2a2a2a2a2a2a2a2'));
    const gone = await save('Gone', component('wxa3a3a3a3a3a3a3a3'));

    const key = (id: string, kind = 'authorizer') => ({ teamId: TEAM, key: `${kind}:${id}`, holder: 'h' });
    await tryTakeLease(ctx.database.db, { ...key(central.id, 'central'), now: NOW, ttlMs: 1000 });
    await recordRefreshFailure(ctx.database.db, {
      ...key(central.id, 'central'),
      now: NOW,
      code: 'CENTRAL_TIMEOUT',
      message: 'The central token server did not answer in time',
    });
    await tryTakeLease(ctx.database.db, { ...key(fresh.id), now: NOW, ttlMs: 1000 });
    await storeRefreshedToken(ctx.database.db, {
      ...key(fresh.id),
      sealed: 'x',
      expiresAt: new Date('2026-11-26T12:00:00Z'),
      now: NOW,
    });
    await markReauthRequired(ctx.database.db, {
      teamId: TEAM,
      providerId: gone.id,
      reason: 'refresh_token_invalid',
      now: NOW,
    });

    const statuses = await describeTokenStatus(ctx.database.db, TEAM, NOW);
    const byName = Object.fromEntries(statuses.map((s) => [s.provider.name, [s.health, s.summary]]));
    expect(byName.Expired).toEqual(['broken', expect.stringMatching(/expired/)]);
    expect(byName.Pasted).toEqual(['ok', expect.any(String)]);
    expect(byName.Central).toEqual(['broken', expect.stringMatching(/did not answer in time/)]);
    expect(byName.Waiting).toEqual(['broken', expect.stringMatching(/first component_verify_ticket/)]);
    expect(byName.Fresh).toEqual(['ok', expect.stringMatching(/renewed before it expires/)]);
    expect(byName.Gone).toEqual(['broken', expect.stringMatching(/re-authorization.*61023/)]);

    await storeTicket(ctx.database.db, ctx.box, {
      teamId: TEAM,
      componentAppId: 'wxc0c0c0c0c0c0c0c0',
      ticket: 't',
      pushedAt: NOW,
      receivedAt: NOW,
    });
    const later = await describeTokenStatus(ctx.database.db, TEAM, NOW);
    const waiting = later.find((s) => s.provider.name === 'Waiting');
    expect(waiting).toMatchObject({ health: 'attention', lastTicketAt: NOW });
    const message = buildTokenStatusMessage({ statuses: later, timeZone: 'Asia/Shanghai' });
    assertWithinBlockKitLimits(message);
    expect(message.text).toMatch(/3 of 6 need attention/);
  });

  it('stays within Block Kit limits with many providers', async () => {
    for (let i = 0; i < 60; i++) await save(`Provider ${String(i).padStart(2, '0')}`, { kind: 'static', token: 't' });
    const message = buildTokenStatusMessage({
      statuses: await describeTokenStatus(ctx.database.db, TEAM, NOW),
      timeZone: 'UTC',
    });
    assertWithinBlockKitLimits(message);
    expect(JSON.stringify(message)).toContain('…and 14 more');
  });
});
