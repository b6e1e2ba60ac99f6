import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createQuotaService } from '../../src/quota/quota-service.js';
import type { ComponentCredentials, Provider } from '../../src/quota/types.js';
import { storeTicket } from '../../src/store/component-tickets.js';
import type { Database } from '../../src/store/database.js';
import { saveProvider } from '../../src/store/providers.js';
import { createTokenResolver, type ReauthNotifier, type TokenResolver } from '../../src/tokens/token-resolver.js';
import { createWeChatClient, type WeChatClient } from '../../src/wechat/client.js';
import { type FakeWeChat, startFakeWeChat } from '../fakes/fake-wechat.js';
import type { DatabaseTestContext } from '../helpers/databases.js';

export const TEAM = 'T0TEAM001';
export const COMPONENT = 'wxc0c0c0c0c0c0c0c0';
const QUOTA = { rest: 7, limit: 20, speedup_rest: 1, speedup_limit: 2 };

/**
 * A fake WeChat platform with one component, a fresh authorizer per test, and helpers to store a component provider,
 * push a ticket and build resolvers and quota services ("processes") on any pool. Every log line is kept in `logs`.
 */
export function useComponentFixture(ctx: DatabaseTestContext) {
  const logs: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => logs.push(line) } });
  let fake: FakeWeChat;
  let authorizerSeq = 0;
  let authorizer = '';
  let wechat: ReturnType<typeof createWeChatClient>;
  beforeAll(async () => {
    fake = await startFakeWeChat();
    fake.component.addComponent(COMPONENT, 'component-secret-CANARY');
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    authorizer = `wxa${String(++authorizerSeq).padStart(15, '0')}`;
    fake.component.addAuthorizer(authorizer, { refreshToken: 'refresh-CANARY-0', quota: QUOTA });
    fake.component.setLifetimes({ component: 7200, authorizer: 7200 });
    fake.component.rotateRefreshTokens(false);
    wechat = createWeChatClient({ baseUrl: fake.url, logger, baseDelayMs: 1 });
    return () => wechat.close();
  });

  const credentials = (): ComponentCredentials => ({
    kind: 'component',
    componentAppId: COMPONENT,
    componentSecret: 'component-secret-CANARY',
    authorizerAppId: authorizer,
    refreshToken: 'refresh-CANARY-0',
    callbackToken: 'pushtoken',
    encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  });
  return {
    logs,
    fake: () => fake,
    authorizer: () => authorizer,
    wechat: () => wechat,
    /** Stores the component provider of this test's authorizer (configured by U0ADMIN001). */
    async provider(database: Database = ctx.database): Promise<Provider> {
      const saved = await saveProvider(database.db, ctx.box, {
        teamId: TEAM,
        name: `Acme ${authorizer}`,
        credentials: credentials(),
        tokenExpiresAt: null,
        now: new Date(),
        configuredBy: 'U0ADMIN001',
      });
      return saved.provider;
    },
    /** What a genuine push does: the fake accepts the ticket and the workspace has it stored. */
    async pushTicket(ticket = `ticket-${authorizer}`) {
      fake.component.setTicket(COMPONENT, ticket);
      const now = new Date();
      await storeTicket(ctx.database.db, ctx.box, {
        teamId: TEAM,
        componentAppId: COMPONENT,
        ticket,
        pushedAt: now,
        receivedAt: now,
      });
    },
    /** A resolver as one process would have it: its own holder id, on the given pool. */
    resolver(database: Database, holder: string, onReauthRequired?: ReauthNotifier): TokenResolver {
      return createTokenResolver({
        db: database.db,
        box: ctx.box,
        clock: () => new Date(),
        wechat,
        logger,
        holder,
        fresh: { pollMs: 10 },
        ...(onReauthRequired ? { onReauthRequired } : {}),
      });
    },
    /** A quota service without a cache, so every read reaches WeChat. */
    quotaService(database: Database, tokens: TokenResolver, client: WeChatClient = wechat) {
      return createQuotaService({
        db: database.db,
        wechat: client,
        tokens,
        clock: () => new Date(),
        cacheTtlMs: 0,
        logger,
      });
    },
  };
}
