import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createPeopleDirectory } from '../../src/slack/people.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';

describe('people directory (users.info with include_locale)', () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  let now: number;

  beforeEach(async () => {
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    now = 0;
  });
  afterEach(async () => {
    await slack.close();
  });
  const directory = (options: { maxEntries?: number; budgetMs?: number } = {}) =>
    createPeopleDirectory({
      clock: () => new Date(now),
      logger: createLogger({ level: 'silent' }),
      ttlMs: 60_000,
      ...options,
    });

  it('describes admins, owners, members, bots and deactivated users, with their Slack locale', async () => {
    slack.locales.set('U0MEMBER01', 'zh-CN');
    slack.owners.add('U0OWNER001');
    slack.bots.add('B0BOT0001');
    slack.deletedUsers.add('U0GONE0001');
    const people = directory();

    expect(await people.lookup(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toEqual({
      isAdmin: true,
      locale: null,
      deleted: false,
      isBot: false,
    });
    expect(await people.lookup(client, FAKE_TEAM_ID, 'U0MEMBER01')).toMatchObject({ isAdmin: false, locale: 'zh-CN' });
    expect(await people.lookup(client, FAKE_TEAM_ID, 'U0OWNER001')).toMatchObject({ isAdmin: true });
    expect(await people.lookup(client, FAKE_TEAM_ID, 'B0BOT0001')).toMatchObject({ isBot: true });
    expect(await people.lookup(client, FAKE_TEAM_ID, 'U0GONE0001')).toMatchObject({ deleted: true });
    // The locale is only in Slack's answer when asked for.
    expect(
      slack.calls.filter((c) => c.method === 'users.info').every((c) => String(c.args.include_locale) === 'true'),
    ).toBe(true);
  });

  it('asks Slack once per user within the TTL, concurrent lookups share one call, and asks again after it', async () => {
    const people = directory();
    await Promise.all([1, 2, 3].map(() => people.lookup(client, FAKE_TEAM_ID, 'U0MEMBER01')));
    await people.lookup(client, FAKE_TEAM_ID, 'U0MEMBER01');
    expect(slack.countCalls('users.info')).toBe(1);

    slack.locales.set('U0MEMBER01', 'en-GB');
    now += 60_001;
    expect((await people.lookup(client, FAKE_TEAM_ID, 'U0MEMBER01'))?.locale).toBe('en-GB');
    expect(slack.countCalls('users.info')).toBe(2);
  });

  it('keys the cache by team: the same user id in another workspace is asked about separately', async () => {
    const people = directory();
    await people.lookup(client, FAKE_TEAM_ID, 'U0MEMBER01');
    await people.lookup(client, 'T0OTHER01', 'U0MEMBER01');
    expect(slack.countCalls('users.info')).toBe(2);
  });

  it('stays bounded: the stalest entry is evicted first', async () => {
    const people = directory({ maxEntries: 2 });
    for (const id of ['U0A', 'U0B', 'U0C']) await people.lookup(client, FAKE_TEAM_ID, id);
    await people.lookup(client, FAKE_TEAM_ID, 'U0C');
    await people.lookup(client, FAKE_TEAM_ID, 'U0B');
    expect(slack.countCalls('users.info')).toBe(3);
    await people.lookup(client, FAKE_TEAM_ID, 'U0A');
    expect(slack.countCalls('users.info')).toBe(4);
  });

  it('says "unknown" (null) when Slack fails, without caching the failure', async () => {
    const people = directory();
    slack.failMethod('users.info', { ok: false, error: 'user_not_found' });
    expect(await people.lookup(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toBeNull();
    expect(await people.lookup(client, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toBeNull();
    expect(slack.countCalls('users.info')).toBe(2);
  });

  it('gives up after its budget when Slack accepts the connection but never answers', async () => {
    const hung = createServer(() => {});
    hung.listen(0, '127.0.0.1');
    await once(hung, 'listening');
    try {
      const port = (hung.address() as AddressInfo).port;
      const silent = new webApi.WebClient('xoxb-test', { slackApiUrl: `http://127.0.0.1:${port}/api/` });
      const started = Date.now();
      expect(await directory({ budgetMs: 150 }).lookup(silent, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toBeNull();
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
    }
  });

  it('does not retry a failing Slack (the answer must not wait) and asks again next time', async () => {
    // The request's own client would retry this 503; the directory answers "unknown" at once instead.
    const retrying = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
    slack.failMethodHttp('users.info', [{ status: 503 }]);
    const people = directory();
    const started = Date.now();
    expect(await people.lookup(retrying, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await people.lookup(retrying, FAKE_TEAM_ID, FAKE_ADMIN_USER_ID)).toMatchObject({ isAdmin: true });
    expect(slack.countCalls('users.info')).toBe(2);
    // Same token as the request's client.
    expect(slack.calls.every((c) => c.token === 'xoxb-test')).toBe(true);
  });
});
