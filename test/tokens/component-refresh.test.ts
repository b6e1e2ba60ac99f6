import { expect, it } from 'vitest';
import { explainFailure } from '../../src/quota/explain-failure.js';
import { readProviderState } from '../../src/store/provider-state.js';
import { readCredentials } from '../../src/store/providers.js';
import { ReauthorizationRequiredError, TicketMissingError } from '../../src/tokens/errors.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { useComponentFixture } from './component-fixture.js';

describeEachDatabase('component token refresh', (ctx) => {
  const f = useComponentFixture(ctx);

  it('refreshes the component token from the pushed ticket, then the authorizer token, and caches both', async () => {
    const acme = await f.provider();
    await f.pushTicket();
    const before = { ...f.fake().component.counts };
    const tokens = f.resolver(ctx.database, 'proc-a');
    const token = await tokens.tokenFor(acme);
    expect(token).toMatch(/^aat-/);
    expect(await tokens.tokenFor(acme)).toBe(token);
    expect(f.fake().component.counts.component - before.component).toBe(1);
    expect(f.fake().component.counts.authorizer - before.authorizer).toBe(1);
    const { reading } = await f.quotaService(ctx.database, tokens).read(acme);
    expect(reading).toMatchObject({ rest: 7, limit: 20 });
  });

  it('without a ticket it says so plainly and calls no token endpoint', async () => {
    const acme = await f.provider();
    const before = f.fake().component.counts.component;
    const error = await f
      .resolver(ctx.database, 'proc-a')
      .tokenFor(acme)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketMissingError);
    expect(explainFailure(error).action).toContain('/wechat/callback');
    expect(f.fake().component.counts.component).toBe(before);
  });

  it('many concurrent reads in two processes make one authorizer refresh', async () => {
    const acme = await f.provider();
    await f.pushTicket();
    f.fake().component.setTokenLatency(50);
    const before = f.fake().component.counts.authorizer;
    const other = ctx.openAnother();
    const a = f.resolver(ctx.database, 'proc-a');
    const b = f.resolver(other, 'proc-b');
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).tokenFor(acme)));
    f.fake().component.setTokenLatency(0);
    expect(new Set(tokens).size).toBe(1);
    expect(f.fake().component.counts.authorizer - before).toBe(1);
  });

  it('stores a rotated refresh token before using the new access token, and uses it next time', async () => {
    const acme = await f.provider();
    await f.pushTicket();
    f.fake().component.rotateRefreshTokens(true);
    f.fake().component.setLifetimes({ authorizer: 1 });
    const tokens = f.resolver(ctx.database, 'proc-a');
    await tokens.tokenFor(acme);
    const stored = await readCredentials(ctx.database.db, ctx.box, acme);
    expect(stored).toMatchObject({
      kind: 'component',
      refreshToken: f.fake().component.refreshTokenOf(f.authorizer()),
    });
    expect(f.fake().component.refreshTokenOf(f.authorizer())).toMatch(/^rotated-/);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(tokens.tokenFor(acme)).resolves.toMatch(/^aat-/); // the old refresh token would be 61023 now
  });

  it('61023 marks the provider for re-authorization, tells its admin once, and stops calling WeChat', async () => {
    const acme = await f.provider();
    await f.pushTicket();
    f.fake().component.failNext('authorizer', 61023);
    const told: string[] = [];
    const tokens = f.resolver(ctx.database, 'proc-a', (p, reason) => told.push(`${p.id}:${reason}`));
    await expect(tokens.tokenFor(acme)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    const calls = f.fake().component.counts.authorizer;
    const again = await tokens.tokenFor(acme).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ReauthorizationRequiredError);
    expect(explainFailure(again, { providerName: acme.name }).action).toContain('/quota setup');
    expect(f.fake().component.counts.authorizer).toBe(calls);
    expect(told).toEqual([`${acme.id}:refresh_token_invalid`]);
    expect(await readProviderState(ctx.database.db, acme)).toMatchObject({ reauthReason: 'refresh_token_invalid' });
    // Saving the provider again (new credentials) clears the mark.
    await f.provider();
    expect((await readProviderState(ctx.database.db, acme))?.reauthRequiredAt).toBeNull();
  });

  it('45009 and 61004 while refreshing are explained with what to do', async () => {
    const acme = await f.provider();
    await f.pushTicket();
    const tokens = f.resolver(ctx.database, 'proc-a');
    f.fake().component.failNext('component', 61004);
    const ip = explainFailure(await tokens.tokenFor(acme).catch((e: unknown) => e));
    expect(ip).toMatchObject({ code: 'WECHAT_API_IP_NOT_WHITELISTED' });
    expect(ip.detail).toMatch(/While refreshing the component access token/);
    expect(ip.action).toMatch(/IP whitelist/);
    f.fake().component.failNext('authorizer', 45009);
    const limit = explainFailure(await tokens.tokenFor(acme).catch((e: unknown) => e));
    expect(limit).toMatchObject({ code: 'WECHAT_API_DAILY_LIMIT' });
    expect(limit.action).toMatch(/another system/);
  });

  it('no secret reaches the logs', () => {
    const all = f.logs.join('\n');
    expect(all).not.toContain('CANARY');
    expect(all).not.toMatch(/"aat-|"cat-|ticket-wxa/);
  });
});
