import { readFileSync } from 'node:fs';
import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { SecretBoxError } from '../../src/crypto/secret-box.js';
import { createLogger } from '../../src/logging/logger.js';
import { createInstallationStore } from '../../src/slack/installations/installation-store.js';
import { findInstallation, installationKeyFor } from '../../src/store/installations.js';
import { type DatabaseTestContext, describeEachDatabase } from '../helpers/databases.js';

const silent = createLogger({ level: 'silent' });

function workspaceInstall(teamId: string, botToken: string): Installation<'v2', false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { token: botToken, scopes: ['commands', 'chat:write'], id: 'B0BOT', userId: 'U0BOT' },
    appId: 'A0QUOTABOT',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

function storeFor(ctx: DatabaseTestContext, now = () => new Date('2026-11-26T08:00:00Z')) {
  return createInstallationStore({ db: ctx.database.db, box: ctx.box, clock: now, logger: silent });
}

describe('installationKeyFor', () => {
  it('keys a workspace install by team and an org-wide install by enterprise', () => {
    expect(installationKeyFor({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: false })).toBe('team:T1');
    expect(installationKeyFor({ teamId: null, enterpriseId: 'E1', isEnterpriseInstall: true })).toBe('enterprise:E1');
    expect(() => installationKeyFor({ teamId: null, enterpriseId: null, isEnterpriseInstall: false })).toThrow();
  });
});

describeEachDatabase('Slack installation store', (ctx) => {
  it('stores an installation and gives each workspace its own bot token', async () => {
    const store = storeFor(ctx);
    await store.storeInstallation(workspaceInstall('T0AAA', 'xoxb-aaa-SECRET'));
    await store.storeInstallation(workspaceInstall('T0BBB', 'xoxb-bbb-SECRET'));

    const fetched = await store.fetchInstallation({
      teamId: 'T0AAA',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(fetched.bot?.token).toBe('xoxb-aaa-SECRET');
    expect(fetched.team?.id).toBe('T0AAA');
    expect(await store.botTokenFor('T0AAA')).toBe('xoxb-aaa-SECRET');
    expect(await store.botTokenFor('T0BBB')).toBe('xoxb-bbb-SECRET');
    expect(await store.botTokenFor('T0NOTHERE')).toBeNull();
    await expect(
      store.fetchInstallation({ teamId: 'T0NOTHERE', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/no Slack installation/);
  });

  it('replaces a reinstall in place, keeping the first install date', async () => {
    let now = new Date('2026-11-26T08:00:00Z');
    const store = storeFor(ctx, () => now);
    await store.storeInstallation(workspaceInstall('T0AAA', 'xoxb-old'));
    now = new Date('2026-11-27T08:00:00Z');
    await store.storeInstallation(workspaceInstall('T0AAA', 'xoxb-new'));

    expect(await store.botTokenFor('T0AAA')).toBe('xoxb-new');
    const rows = await ctx.database.db.selectFrom('slack_installations').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      installation_key: 'team:T0AAA',
      team_id: 'T0AAA',
      installed_at: '2026-11-26T08:00:00.000Z',
      updated_at: '2026-11-27T08:00:00.000Z',
    });
  });

  it('keys an org-wide install by its enterprise and finds it for any workspace query of that org', async () => {
    const store = storeFor(ctx);
    await store.storeInstallation({
      team: undefined,
      enterprise: { id: 'E0ORG', name: 'Org' },
      user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-org-SECRET', scopes: ['commands'], id: 'B0BOT', userId: 'U0BOT' },
      isEnterpriseInstall: true,
      authVersion: 'v2',
    } as Installation<'v2', true>);

    const fetched = await store.fetchInstallation({
      teamId: undefined,
      enterpriseId: 'E0ORG',
      isEnterpriseInstall: true,
    });
    expect(fetched.bot?.token).toBe('xoxb-org-SECRET');
    const row = await ctx.database.db.selectFrom('slack_installations').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ installation_key: 'enterprise:E0ORG', team_id: null, enterprise_id: 'E0ORG' });
    expect(row.is_enterprise_install).toBe(1);
  });

  it('seals the whole installation, bound to its workspace: a copied ciphertext does not open elsewhere', async () => {
    const store = storeFor(ctx);
    await store.storeInstallation(workspaceInstall('T0AAA', 'xoxb-aaa-SECRET'));
    const row = await ctx.database.db.selectFrom('slack_installations').selectAll().executeTakeFirstOrThrow();
    expect(row.installation).toMatch(/^v1\./);
    expect(row.installation).not.toContain('xoxb');
    expect(row.installation).not.toContain('T0AAA');

    // Someone with write access moves team A's sealed installation onto team B's row.
    await ctx.database.db
      .insertInto('slack_installations')
      .values({ ...row, installation_key: 'team:T0BBB', team_id: 'T0BBB' })
      .execute();
    await expect(
      findInstallation(ctx.database.db, ctx.box, { teamId: 'T0BBB', enterpriseId: null, isEnterpriseInstall: false }),
    ).rejects.toBeInstanceOf(SecretBoxError);
  });

  it('deletes an installation, and a cached token goes with it', async () => {
    const store = storeFor(ctx);
    await store.storeInstallation(workspaceInstall('T0AAA', 'xoxb-aaa'));
    await store.storeInstallation(workspaceInstall('T0BBB', 'xoxb-bbb'));
    expect(await store.botTokenFor('T0AAA')).toBe('xoxb-aaa');

    await store.deleteInstallation?.({ teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(await store.botTokenFor('T0AAA')).toBeNull();
    expect(await store.botTokenFor('T0BBB')).toBe('xoxb-bbb');
  });

  it('sees an install made by another replica at once (misses are not cached)', async () => {
    const mine = storeFor(ctx);
    const theirs = createInstallationStore({
      db: ctx.openAnother().db,
      box: ctx.box,
      clock: () => new Date(),
      logger: silent,
    });
    expect(await mine.botTokenFor('T0AAA')).toBeNull();
    await theirs.storeInstallation(workspaceInstall('T0AAA', 'xoxb-aaa'));
    expect(await mine.botTokenFor('T0AAA')).toBe('xoxb-aaa');
  });

  it('never writes the bot token into the database file in plaintext', async () => {
    const store = storeFor(ctx);
    const token = `xoxb-${'7'.repeat(12)}-PLAINTEXT-CANARY`;
    await store.storeInstallation(workspaceInstall('T0AAA', token));
    if (ctx.target.config.kind !== 'sqlite') {
      const rows = await ctx.database.db.selectFrom('slack_installations').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain('CANARY');
      return;
    }
    const file = ctx.target.config.path;
    // The write may still sit in the write-ahead log: read both.
    const bytes = [file, `${file}-wal`].map((name) => {
      try {
        return readFileSync(name).toString('latin1');
      } catch {
        return '';
      }
    });
    // Control: the key column is in the clear, so the bytes read are the ones written.
    expect(bytes.join('')).toContain('team:T0AAA');
    expect(bytes.join('')).not.toContain('CANARY');
    expect(bytes.join('')).not.toContain('xoxb-7777');
  });
});
