import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { ComponentCredentials, ProviderCredentials } from '../../src/quota/types.js';
import { readTicket, storeTicket } from '../../src/store/component-tickets.js';
import { replaceRefreshToken } from '../../src/store/provider-credentials.js';
import { findComponentProviders, markReauthRequired, readProviderState } from '../../src/store/provider-state.js';
import { listProviders, readCredentials, removeProvider, saveProvider } from '../../src/store/providers.js';
import { readCachedToken, tryTakeLease } from '../../src/store/token-cache.js';
import { recordPush } from '../../src/store/wechat-pushes.js';
import { CredentialsUnreadableError } from '../../src/tokens/errors.js';
import { describeEachDatabase } from '../helpers/databases.js';

const TEAM_A = 'T0000000A';
const TEAM_B = 'T0000000B';
const NOW = new Date('2026-11-26T10:00:00.000Z');
const component: ComponentCredentials = {
  kind: 'component',
  componentAppId: 'wxc0c0c0c0c0c0c0c0',
  componentSecret: 'SECRET-canary-1',
  authorizerAppId: 'wxa1a1a1a1a1a1a1a1',
  refreshToken: 'REFRESH-canary-2',
  callbackToken: 'CALLBACKcanary3',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const central: ProviderCredentials = {
  kind: 'central',
  url: 'https://tokens.example.com/t?key=URL-canary-4',
  header: { name: 'Authorization', value: 'Bearer HEADER-canary-5' },
};

describeEachDatabase('providers with every token source', (ctx) => {
  const save = (name: string, credentials: ProviderCredentials, teamId = TEAM_A, configuredBy?: string | null) =>
    saveProvider(ctx.database.db, ctx.box, {
      teamId,
      name,
      credentials,
      tokenExpiresAt: null,
      now: NOW,
      ...(configuredBy === undefined ? {} : { configuredBy }),
    });

  it('stores and reads back static, central and component credentials, listing each source', async () => {
    const a = await save('Static', { kind: 'static', token: 'TOKEN-canary-6' });
    const b = await save('Central', central);
    const c = await save('Component', component);
    expect(await readCredentials(ctx.database.db, ctx.box, a.provider)).toEqual({
      kind: 'static',
      token: 'TOKEN-canary-6',
    });
    expect(await readCredentials(ctx.database.db, ctx.box, b.provider)).toEqual(central);
    expect(await readCredentials(ctx.database.db, ctx.box, c.provider)).toEqual(component);
    expect((await listProviders(ctx.database.db, TEAM_A)).map((p) => [p.name, p.tokenSource])).toEqual([
      ['Central', 'central'],
      ['Component', 'component'],
      ['Static', 'static'],
    ]);
  });

  it('keeps every secret encrypted: nothing of them is in the table, only the appids are in the clear', async () => {
    await save('Central', central);
    await save('Component', component);
    const rows = await sql<Record<string, unknown>>`select * from providers`.execute(ctx.database.db);
    const raw = JSON.stringify(rows.rows);
    expect(raw).not.toContain('canary');
    expect(raw).not.toContain('tokens.example.com');
    expect(raw).toContain(component.componentAppId);
    expect(raw).toContain(component.authorizerAppId);
  });

  it('sealed credentials copied to another provider row cannot be read there', async () => {
    const a = await save('A', component);
    const b = await save('B', central);
    const row = await ctx.database.db
      .selectFrom('providers')
      .select('credentials')
      .where('id', '=', a.provider.id)
      .executeTakeFirstOrThrow();
    await ctx.database.db
      .updateTable('providers')
      .set({ credentials: row.credentials })
      .where('id', '=', b.provider.id)
      .execute();
    await expect(readCredentials(ctx.database.db, ctx.box, b.provider)).rejects.toBeInstanceOf(
      CredentialsUnreadableError,
    );
  });

  it('finds component providers by component appid across teams, and records who configured them', async () => {
    await save('Acme', component, TEAM_A, 'U0ADMIN001');
    await save('Acme', component, TEAM_B);
    await save('Other', central, TEAM_A);
    const found = await findComponentProviders(ctx.database.db, component.componentAppId);
    expect(found.map((f) => f.provider.teamId).sort()).toEqual([TEAM_A, TEAM_B]);
    const acme = found.find((f) => f.provider.teamId === TEAM_A);
    expect(acme?.state).toMatchObject({ configuredBy: 'U0ADMIN001', authorizerAppId: component.authorizerAppId });
    // A later save from the CLI (configuredBy omitted) keeps who configured it; Slack overwrites it.
    const again = await save('Acme', component, TEAM_A);
    expect((await readProviderState(ctx.database.db, again.provider))?.configuredBy).toBe('U0ADMIN001');
  });

  it('replaces a rotated refresh token only while the stored one is the one that was used', async () => {
    const { provider } = await save('Acme', component);
    expect(await replaceRefreshToken(ctx.database.db, ctx.box, provider, 'not-the-stored-one', 'R2')).toBe(false);
    expect(await replaceRefreshToken(ctx.database.db, ctx.box, provider, component.refreshToken, 'R2')).toBe(true);
    expect(await replaceRefreshToken(ctx.database.db, ctx.box, provider, component.refreshToken, 'R2')).toBe(true);
    expect(await readCredentials(ctx.database.db, ctx.box, provider)).toEqual({ ...component, refreshToken: 'R2' });
  });

  it('saving again clears the re-authorization mark and the cached tokens; removing deletes them too', async () => {
    const { provider } = await save('Acme', component);
    const where = { teamId: TEAM_A, key: `authorizer:${provider.id}` };
    await tryTakeLease(ctx.database.db, { ...where, holder: 'h', now: NOW, ttlMs: 1000 });
    expect(
      await markReauthRequired(ctx.database.db, {
        teamId: TEAM_A,
        providerId: provider.id,
        reason: 'unauthorized',
        now: NOW,
      }),
    ).toBe(true);
    expect(
      await markReauthRequired(ctx.database.db, {
        teamId: TEAM_A,
        providerId: provider.id,
        reason: 'deauthorized',
        now: NOW,
      }),
    ).toBe(false);
    expect(await readProviderState(ctx.database.db, provider)).toMatchObject({
      reauthReason: 'unauthorized',
      reauthRequiredAt: NOW,
    });
    await save('Acme', component);
    expect(await readProviderState(ctx.database.db, provider)).toMatchObject({
      reauthReason: null,
      reauthRequiredAt: null,
    });
    expect(await readCachedToken(ctx.database.db, where)).toBeUndefined();
    await tryTakeLease(ctx.database.db, { ...where, holder: 'h', now: NOW, ttlMs: 1000 });
    await removeProvider(ctx.database.db, TEAM_A, 'Acme');
    expect(await readCachedToken(ctx.database.db, where)).toBeUndefined();
  });
});

describeEachDatabase('component tickets and pushes', (ctx) => {
  const APP = 'wxc0c0c0c0c0c0c0c0';
  const store = (teamId: string, ticket: string, pushedAt: string) =>
    storeTicket(ctx.database.db, ctx.box, {
      teamId,
      componentAppId: APP,
      ticket,
      pushedAt: new Date(pushedAt),
      receivedAt: NOW,
    });

  it('keeps the newest ticket per team, sealed, valid for 12 hours', async () => {
    expect(await store(TEAM_A, 'ticket-canary-1', '2026-11-26T09:50:00Z')).toBe(true);
    expect(await store(TEAM_A, 'ticket-canary-3', '2026-11-26T10:00:00Z')).toBe(true);
    expect(await store(TEAM_A, 'ticket-canary-2', '2026-11-26T09:55:00Z')).toBe(false);
    expect(await readTicket(ctx.database.db, ctx.box, TEAM_A, APP)).toMatchObject({
      ticket: 'ticket-canary-3',
      expiresAt: new Date('2026-11-26T22:00:00.000Z'),
    });
    expect(await readTicket(ctx.database.db, ctx.box, TEAM_B, APP)).toBeNull();
    const raw = JSON.stringify((await sql`select * from component_tickets`.execute(ctx.database.db)).rows);
    expect(raw).not.toContain('canary');
  });

  it('records a push once: the same signature and nonce again is a replay', async () => {
    const push = {
      dedupeKey: 'abc:1',
      componentAppId: APP,
      infoType: 'component_verify_ticket',
      authorizerAppId: null,
      pushedAt: NOW,
      receivedAt: NOW,
    };
    expect(await recordPush(ctx.database.db, push)).toBe(true);
    expect(await recordPush(ctx.database.db, push)).toBe(false);
    expect(await recordPush(ctx.database.db, { ...push, dedupeKey: 'abc:2' })).toBe(true);
  });
});
