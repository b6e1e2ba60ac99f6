import { expect, it } from 'vitest';
import { explainFailure } from '../../src/quota/explain-failure.js';
import { ReauthorizationRequiredError } from '../../src/tokens/errors.js';
import type { WeChatClient } from '../../src/wechat/client.js';
import { WeChatApiError } from '../../src/wechat/errors.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { useComponentFixture } from './component-fixture.js';

describeEachDatabase('a token WeChat rejects', (ctx) => {
  const f = useComponentFixture(ctx);

  it('61003 from queryquota marks the provider for re-authorization and stops calling WeChat', async () => {
    const acme = await f.provider();
    await f.pushTicket();
    const told: string[] = [];
    const service = f.quotaService(
      ctx.database,
      f.resolver(ctx.database, 'proc-a', (_, reason) => told.push(reason)),
    );
    await service.read(acme);
    f.fake().component.deauthorize(f.authorizer());
    const error = await service.read(acme).catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: 61003 });
    expect(explainFailure(error, { providerName: acme.name, tokenSource: 'component' }).action).toContain(
      '/quota setup',
    );
    const calls = f.fake().calls.length;
    await expect(service.read(acme)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(f.fake().calls.length).toBe(calls);
    expect(told).toEqual(['deauthorized']);
  });

  it('40001 after another process refreshed: retries with the newer token, no further refresh', async () => {
    const acme = await f.provider();
    await f.pushTicket();
    const a = f.resolver(ctx.database, 'proc-a');
    const b = f.resolver(ctx.openAnother(), 'proc-b');
    const first = await a.tokenFor(acme);
    // Process A's query waits until process B has replaced the token (and WeChat invalidated the old one).
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: string[] = [];
    const gated: WeChatClient = {
      async queryQuota(token) {
        sent.push(token);
        if (sent.length === 1) await gate;
        return f.wechat().queryQuota(token);
      },
      close: async () => undefined,
    };
    const reading = f.quotaService(ctx.database, a, gated).read(acme);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await b.reportFailure(acme, first, new Error('not from WeChat'))).toBe(false);
    expect(await b.tokenFor(acme)).toBe(first);
    expect(await b.reportFailure(acme, first, new WeChatApiError(40001, 'invalid credential', 'token_rejected'))).toBe(
      true,
    );
    const second = await b.tokenFor(acme);
    expect(second).not.toBe(first);
    const refreshes = f.fake().component.counts.authorizer;
    release();
    await expect(reading).resolves.toMatchObject({ reading: { rest: 7 } });
    expect(sent).toEqual([first, second]);
    expect(f.fake().component.counts.authorizer).toBe(refreshes);
  });

  it('40001 because another system refreshed: expires the cached token, refreshes once, retries once', async () => {
    const acme = await f.provider();
    await f.pushTicket();
    const tokens = f.resolver(ctx.database, 'proc-a');
    const service = f.quotaService(ctx.database, tokens);
    await service.read(acme);
    f.fake().component.refreshBehindTheBot(f.authorizer());
    const refreshes = f.fake().component.counts.authorizer;
    await expect(service.read(acme)).resolves.toMatchObject({ reading: { rest: 7 } });
    expect(f.fake().component.counts.authorizer).toBe(refreshes + 1);
  });
});
