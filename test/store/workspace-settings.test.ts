import { expect, it } from 'vitest';
import { addWorkspaceAdmin, listWorkspaceAdmins, removeWorkspaceAdmin } from '../../src/store/workspace-admins.js';
import { getWorkspaceSettings, setWorkspaceLanguage } from '../../src/store/workspace-settings.js';
import { describeEachDatabase } from '../helpers/databases.js';

const NOW = new Date('2026-11-26T02:00:00.000Z');
const LATER = new Date('2026-11-27T02:00:00.000Z');

describeEachDatabase('workspace settings and bot admins repositories', (ctx) => {
  it('has no language until one is set, then keeps the latest, per workspace', async () => {
    const db = ctx.database.db;
    expect(await getWorkspaceSettings(db, 'T0000000A')).toEqual({ language: null, updatedBy: null, updatedAt: null });

    await setWorkspaceLanguage(db, { teamId: 'T0000000A', language: 'zh-CN', updatedBy: 'U1', now: NOW });
    await setWorkspaceLanguage(db, { teamId: 'T0000000B', language: 'en', updatedBy: 'U9', now: NOW });
    expect(await getWorkspaceSettings(db, 'T0000000A')).toEqual({ language: 'zh-CN', updatedBy: 'U1', updatedAt: NOW });

    await setWorkspaceLanguage(db, { teamId: 'T0000000A', language: 'en', updatedBy: 'U2', now: LATER });
    expect(await getWorkspaceSettings(db, 'T0000000A')).toEqual({ language: 'en', updatedBy: 'U2', updatedAt: LATER });
    expect((await getWorkspaceSettings(db, 'T0000000B')).updatedBy).toBe('U9');
    expect((await getWorkspaceSettings(db, 'T0000000C')).language).toBeNull();
  });

  it('reads a language this build does not speak as "not chosen"', async () => {
    const db = ctx.database.db;
    await db
      .insertInto('workspace_settings')
      .values({ team_id: 'T0000000A', language: 'fr-FR', updated_by: null, updated_at: NOW.toISOString() })
      .execute();
    expect((await getWorkspaceSettings(db, 'T0000000A')).language).toBeNull();
  });

  it('adds a bot admin once (the first adder is kept), lists oldest first, removes, per workspace', async () => {
    const db = ctx.database.db;
    expect(await addWorkspaceAdmin(db, { teamId: 'T0000000A', userId: 'U2', addedBy: 'U0', now: LATER })).toBe(true);
    expect(await addWorkspaceAdmin(db, { teamId: 'T0000000A', userId: 'U1', addedBy: 'U0', now: NOW })).toBe(true);
    expect(await addWorkspaceAdmin(db, { teamId: 'T0000000A', userId: 'U1', addedBy: 'U5', now: LATER })).toBe(false);
    expect(await addWorkspaceAdmin(db, { teamId: 'T0000000B', userId: 'U1', addedBy: 'U7', now: NOW })).toBe(true);

    expect(await listWorkspaceAdmins(db, 'T0000000A')).toEqual([
      { userId: 'U1', addedBy: 'U0', addedAt: NOW },
      { userId: 'U2', addedBy: 'U0', addedAt: LATER },
    ]);

    expect(await removeWorkspaceAdmin(db, 'T0000000A', 'U1')).toBe(true);
    expect(await removeWorkspaceAdmin(db, 'T0000000A', 'U1')).toBe(false);
    expect((await listWorkspaceAdmins(db, 'T0000000A')).map((a) => a.userId)).toEqual(['U2']);
    // Another workspace's admin of the same id is untouched.
    expect(await listWorkspaceAdmins(db, 'T0000000B')).toEqual([{ userId: 'U1', addedBy: 'U7', addedAt: NOW }]);
    expect(await removeWorkspaceAdmin(db, 'T0000000C', 'U2')).toBe(false);
    expect(await listWorkspaceAdmins(db, 'T0000000A')).toHaveLength(1);
  });
});
