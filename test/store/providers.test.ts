import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/crypto/secret-box.js';
import type { ProviderCredentials } from '../../src/quota/types.js';
import { ProviderNotFoundError } from '../../src/store/errors.js';
import {
  findProvider,
  listProviders,
  providerNameKey,
  readCredentials,
  removeProvider,
  saveProvider,
} from '../../src/store/providers.js';
import { listSnapshots, recordSnapshot } from '../../src/store/snapshots.js';
import { CredentialsUnreadableError } from '../../src/tokens/errors.js';
import { describeEachDatabase } from '../helpers/databases.js';

const TEAM_A = 'T0000000A';
const TEAM_B = 'T0000000B';
const staticToken = (token: string): ProviderCredentials => ({ kind: 'static', token });
const at = (iso: string) => new Date(iso);

describe('providerNameKey', () => {
  it('treats case and Unicode composition differences as the same name', () => {
    expect(providerNameKey('Acme')).toBe(providerNameKey('ACME'));
    expect(providerNameKey('Caf\u00e9')).toBe(providerNameKey('CAFE\u0301'));
    expect(providerNameKey('腾讯')).toBe('腾讯');
  });
});

describeEachDatabase('providers repository', (ctx) => {
  const save = (teamId: string, name: string, token: string, now = at('2026-11-26T10:00:00.000Z')) =>
    saveProvider(ctx.database.db, ctx.box, {
      teamId,
      name,
      credentials: staticToken(token),
      tokenExpiresAt: null,
      now,
    });

  it('saves a provider and finds it again with its fields, case-insensitively', async () => {
    const expires = at('2026-12-31T16:00:00.000Z');
    const { provider, replaced } = await saveProvider(ctx.database.db, ctx.box, {
      teamId: TEAM_A,
      name: 'Acme Mini',
      credentials: staticToken('token-1'),
      tokenExpiresAt: expires,
      now: at('2026-11-26T10:00:00.000Z'),
    });
    expect(replaced).toBe(false);
    expect(provider).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      teamId: TEAM_A,
      name: 'Acme Mini',
      tokenSource: 'static',
      tokenExpiresAt: expires,
      createdAt: at('2026-11-26T10:00:00.000Z'),
      updatedAt: at('2026-11-26T10:00:00.000Z'),
    });
    expect(await findProvider(ctx.database.db, TEAM_A, 'acme mini')).toEqual(provider);
    expect(await findProvider(ctx.database.db, TEAM_A, 'ACME MINI')).toEqual(provider);
    expect(await findProvider(ctx.database.db, TEAM_A, 'Acme')).toBeNull();
    expect(await readCredentials(ctx.database.db, ctx.box, provider)).toEqual(staticToken('token-1'));
  });

  it('lists a team’s providers ordered by name regardless of case', async () => {
    for (const name of ['zeta', 'Alpha', 'beta', 'Gamma']) await save(TEAM_A, name, `token-${name}`);
    await save(TEAM_B, 'aaa-other-team', 'token-b');
    const names = (await listProviders(ctx.database.db, TEAM_A)).map((provider) => provider.name);
    expect(names).toEqual(['Alpha', 'beta', 'Gamma', 'zeta']);
    expect(await listProviders(ctx.database.db, 'T_EMPTY')).toEqual([]);
  });

  it('re-adding a name (any case) replaces the token and expiry, keeps id and createdAt, takes the new spelling', async () => {
    const first = await save(TEAM_A, 'acme', 'old-token', at('2026-11-01T00:00:00.000Z'));
    const second = await saveProvider(ctx.database.db, ctx.box, {
      teamId: TEAM_A,
      name: 'ACME',
      credentials: staticToken('new-token'),
      tokenExpiresAt: at('2027-01-01T00:00:00.000Z'),
      now: at('2026-11-26T10:00:00.000Z'),
    });
    expect(second.replaced).toBe(true);
    expect(second.provider).toEqual({
      ...first.provider,
      name: 'ACME',
      tokenExpiresAt: at('2027-01-01T00:00:00.000Z'),
      updatedAt: at('2026-11-26T10:00:00.000Z'),
    });
    expect(await listProviders(ctx.database.db, TEAM_A)).toEqual([second.provider]);
    expect(await readCredentials(ctx.database.db, ctx.box, second.provider)).toEqual(staticToken('new-token'));
    // The old Provider object still reads the current token: same row.
    expect(await readCredentials(ctx.database.db, ctx.box, first.provider)).toEqual(staticToken('new-token'));
  });

  it('concurrent saves of one new name end with one provider', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => save(TEAM_A, i % 2 === 0 ? 'Race' : 'RACE', `token-${i}`)),
    );
    const providers = await listProviders(ctx.database.db, TEAM_A);
    expect(providers).toHaveLength(1);
    expect(results.filter((result) => !result.replaced)).toHaveLength(1);
    expect(new Set(results.map((result) => result.provider.id))).toEqual(new Set([providers[0]?.id]));
    for (const provider of providers) {
      const credentials = await readCredentials(ctx.database.db, ctx.box, provider);
      expect(credentials).toEqual({ kind: 'static', token: expect.stringMatching(/^token-[0-7]$/) });
    }
  });

  it('removes a provider by any case of its name, with its snapshots, and says whether it existed', async () => {
    const { provider } = await save(TEAM_A, 'Acme', 'token-1');
    const keep = await save(TEAM_A, 'Other', 'token-2');
    const reading = { rest: 18, limit: 20, speedupRest: 1, speedupLimit: 2, checkedAt: at('2026-11-26T10:00:00.000Z') };
    await recordSnapshot(ctx.database.db, { teamId: TEAM_A, providerId: provider.id, reading });
    await recordSnapshot(ctx.database.db, { teamId: TEAM_A, providerId: keep.provider.id, reading });

    expect(await removeProvider(ctx.database.db, TEAM_A, 'ACME')).toBe(true);
    expect(await removeProvider(ctx.database.db, TEAM_A, 'acme')).toBe(false);
    expect(await findProvider(ctx.database.db, TEAM_A, 'Acme')).toBeNull();
    const orphans = await ctx.database.db
      .selectFrom('quota_snapshots')
      .select('id')
      .where('provider_id', '=', provider.id)
      .execute();
    expect(orphans).toEqual([]);
    expect(await listSnapshots(ctx.database.db, TEAM_A, keep.provider.id)).toEqual([reading]);
    await expect(readCredentials(ctx.database.db, ctx.box, provider)).rejects.toBeInstanceOf(ProviderNotFoundError);

    // Re-adding after removal is a new provider.
    const again = await save(TEAM_A, 'Acme', 'token-3');
    expect(again.replaced).toBe(false);
    expect(again.provider.id).not.toBe(provider.id);
  });

  it('keeps workspaces apart: team B can neither find, list, replace, remove nor read team A’s provider', async () => {
    const a = (await save(TEAM_A, 'Shared Name', 'token-of-a')).provider;

    expect(await findProvider(ctx.database.db, TEAM_B, 'Shared Name')).toBeNull();
    expect(await listProviders(ctx.database.db, TEAM_B)).toEqual([]);
    expect(await removeProvider(ctx.database.db, TEAM_B, 'shared name')).toBe(false);
    await expect(readCredentials(ctx.database.db, ctx.box, { ...a, teamId: TEAM_B })).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );

    // Team B adding the same name gets its own provider; A's is untouched.
    const b = await save(TEAM_B, 'shared name', 'token-of-b');
    expect(b.replaced).toBe(false);
    expect(b.provider.id).not.toBe(a.id);
    expect(await findProvider(ctx.database.db, TEAM_A, 'Shared Name')).toEqual(a);
    expect(await readCredentials(ctx.database.db, ctx.box, a)).toEqual(staticToken('token-of-a'));
    expect(await readCredentials(ctx.database.db, ctx.box, b.provider)).toEqual(staticToken('token-of-b'));

    expect(await removeProvider(ctx.database.db, TEAM_B, 'Shared Name')).toBe(true);
    expect(await findProvider(ctx.database.db, TEAM_A, 'shared name')).toEqual(a);
  });

  it('stores the credentials only encrypted: the token appears nowhere in the row', async () => {
    const token = 'plaintext-access-token-9f8e7d';
    const { provider } = await save(TEAM_A, 'Acme', token);
    const row = await ctx.database.db
      .selectFrom('providers')
      .selectAll()
      .where('id', '=', provider.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.credentials).toMatch(/^v1\./);
  });

  it('refuses credentials copied from another row or team: the ciphertext is bound to its row', async () => {
    const a = (await save(TEAM_A, 'Acme', 'token-of-a')).provider;
    const b = (await save(TEAM_B, 'Acme', 'token-of-b')).provider;
    const { credentials } = await ctx.database.db
      .selectFrom('providers')
      .select('credentials')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    await ctx.database.db.updateTable('providers').set({ credentials }).where('id', '=', b.id).execute();
    await expect(readCredentials(ctx.database.db, ctx.box, b)).rejects.toBeInstanceOf(CredentialsUnreadableError);
  });

  it('reading with another encryption key fails with CredentialsUnreadableError naming the provider', async () => {
    const { provider } = await save(TEAM_A, 'Acme', 'token-1');
    const otherBox = createSecretBox(randomBytes(32));
    const attempt = readCredentials(ctx.database.db, otherBox, provider);
    await expect(attempt).rejects.toBeInstanceOf(CredentialsUnreadableError);
    await expect(attempt).rejects.toMatchObject({ code: 'CREDENTIALS_UNREADABLE', providerName: 'Acme' });
  });

  it('credentials that decrypt but are not the expected JSON are unreadable, without quoting them', async () => {
    const { provider } = await save(TEAM_A, 'Acme', 'token-1');
    const sealed = ctx.box.seal('not-json-secret', `provider-credentials:${TEAM_A}:${provider.id}`);
    await ctx.database.db.updateTable('providers').set({ credentials: sealed }).where('id', '=', provider.id).execute();
    const error = await readCredentials(ctx.database.db, ctx.box, provider).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredentialsUnreadableError);
    expect(String((error as Error).cause)).not.toContain('not-json-secret');
  });

  it('enforces one name per team in the schema itself', async () => {
    await save(TEAM_A, 'Acme', 'token-1');
    const duplicate =
      sql`insert into providers (id, team_id, name, name_key, token_source, credentials, created_at, updated_at)
      values ('dup', ${TEAM_A}, 'ACME', 'acme', 'static', 'x', 'now', 'now')`.execute(ctx.database.db);
    await expect(duplicate).rejects.toThrow();
  });
});
