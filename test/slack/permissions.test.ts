import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createPeopleDirectory } from '../../src/slack/people.js';
import { createPermissions, type Permissions } from '../../src/slack/permissions.js';
import { addWorkspaceAdmin, removeWorkspaceAdmin } from '../../src/store/workspace-admins.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('permissions (users.info and bot admins)', (ctx) => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  let now: number;
  const usersInfoCalls = () => slack.countCalls('users.info');

  beforeEach(async () => {
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    now = 0;
  });
  afterEach(async () => {
    await slack.close();
  });
  const permissions = (): Permissions => {
    const logger = createLogger({ level: 'silent' });
    const clock = () => new Date(now);
    const people = createPeopleDirectory({ clock, logger, ttlMs: 60_000 });
    return createPermissions({ db: ctx.database.db, people, clock, logger, delegatesTtlMs: 10_000 });
  };
  const delegate = (teamId: string, userId: string) =>
    addWorkspaceAdmin(ctx.database.db, { teamId, userId, addedBy: FAKE_ADMIN_USER_ID, now: new Date() });

  it('lets workspace admins and owners configure and refuses regular members', async () => {
    slack.owners.add('U0OWNER001');
    const p = permissions();
    expect(await p.canConfigure(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toBe(true);
    expect(await p.canConfigure(client, FAKE_TEAM_ID, 'U0OWNER001')).toBe(true);
    expect(await p.canConfigure(client, FAKE_TEAM_ID, 'U0MEMBER01')).toBe(false);
  });

  it('asks Slack once per user within the TTL, and again after it (a demoted admin loses access)', async () => {
    const p = permissions();
    await p.canConfigure(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID);
    await p.canConfigure(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID);
    expect(usersInfoCalls()).toBe(1);
    slack.admins.delete(FAKE_ADMIN_USER_ID);
    now += 60_001;
    expect(await p.canConfigure(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toBe(false);
    expect(usersInfoCalls()).toBe(2);
  });

  it('fails closed when Slack cannot say', async () => {
    slack.failMethod('users.info', { ok: false, error: 'user_not_found' });
    expect(await permissions().canConfigure(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toBe(false);
  });

  it('lets a bot admin of the workspace configure, only there, but not add others', async () => {
    await delegate(FAKE_TEAM_ID, 'U0DELEG001');
    const p = permissions();
    expect(await p.canConfigure(client, FAKE_TEAM_ID, 'U0DELEG001')).toBe(true);
    expect(await p.isWorkspaceAdmin(client, FAKE_TEAM_ID, 'U0DELEG001')).toBe(false);
    expect(await p.canConfigure(client, 'T0OTHER01', 'U0DELEG001')).toBe(false);
    expect(await p.delegates(FAKE_TEAM_ID)).toEqual(['U0DELEG001']);
    expect(await p.delegates('T0OTHER01')).toEqual([]);
  });

  it('caches bot admins briefly; forgetDelegates makes a change visible at once in this process', async () => {
    const p = permissions();
    expect(await p.canConfigure(client, FAKE_TEAM_ID, 'U0DELEG001')).toBe(false);
    await delegate(FAKE_TEAM_ID, 'U0DELEG001');
    // Another process's change: seen after the TTL.
    expect(await p.canConfigure(client, FAKE_TEAM_ID, 'U0DELEG001')).toBe(false);
    now += 10_001;
    expect(await p.canConfigure(client, FAKE_TEAM_ID, 'U0DELEG001')).toBe(true);
    // This process's change: seen at once.
    await removeWorkspaceAdmin(ctx.database.db, FAKE_TEAM_ID, 'U0DELEG001');
    p.forgetDelegates(FAKE_TEAM_ID);
    expect(await p.canConfigure(client, FAKE_TEAM_ID, 'U0DELEG001')).toBe(false);
  });
});
