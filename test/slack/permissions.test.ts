import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createPermissions } from '../../src/slack/permissions.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';

describe('permissions (users.info)', () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  let now: number;
  const usersInfoCalls = () => slack.calls.filter((c) => c.method === 'users.info').length;

  beforeEach(async () => {
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    now = 0;
  });
  afterEach(async () => {
    await slack.close();
  });
  const permissions = () =>
    createPermissions({ clock: () => new Date(now), logger: createLogger({ level: 'silent' }), ttlMs: 60_000 });

  it('lets workspace admins configure and refuses regular members', async () => {
    const p = permissions();
    expect(await p.canConfigure(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toBe(true);
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
});
