import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_MODAL } from '../../src/slack/ids.js';
import { findAlert, saveAlert } from '../../src/store/alerts.js';
import { findProvider, listProviders, readCredentials } from '../../src/store/providers.js';
import { findSubscription, saveSubscription } from '../../src/store/subscriptions.js';
import { FAKE_ADMIN_USER_ID, FAKE_CHANNEL_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { submitView, textValues } from '../helpers/slack-interactivity.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const A = FAKE_TEAM_ID;
const B = 'T0OTHER001';
const A_TOKEN = 'team-a-static-token-canary-7777';
const QUOTA = { rest: 31, limit: 47, speedup_rest: 2, speedup_limit: 5 };
const M = SETUP_MODAL.blocks;

/** Team B's admin (users.info of the fake reports this user as an admin whatever the team). */
const asB = { teamId: B, userId: FAKE_ADMIN_USER_ID, channelId: FAKE_CHANNEL_ID };

describe('one workspace can never read or change another’s data, whatever ids it sends', () => {
  let t: TestBot;
  let aProviderId = '';

  beforeAll(async () => {
    t = await startTestBot();
    t.wechat.setQuota(A_TOKEN, QUOTA);
    await t.addProvider('Acme', A_TOKEN, { teamId: A });
    aProviderId = (await findProvider(t.bot.database.db, A, 'Acme'))?.id ?? '';
    const now = new Date();
    await saveSubscription(t.bot.database.db, {
      teamId: A,
      channelId: FAKE_CHANNEL_ID,
      schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' },
      subscribedBy: FAKE_ADMIN_USER_ID,
      now,
    });
    await saveAlert(t.bot.database.db, {
      teamId: A,
      channelId: FAKE_CHANNEL_ID,
      threshold: { unit: 'count', value: 5 },
      setBy: FAKE_ADMIN_USER_ID,
      now,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Everything team B was told: acks, response_url posts and Web API calls (without the modal opened). */
  const everythingSaid = (from: { calls: number; responses: number }) =>
    JSON.stringify([t.slack.calls.slice(from.calls), t.slack.responses.slice(from.responses)]);

  it('team A’s own view works (the control)', async () => {
    const res = await t.command('Acme', { teamId: A });
    expect(JSON.stringify(res.json)).toContain('31 of 47');
  });

  it('B asking for A’s provider by name, all providers, status or subscriptions learns nothing of A', async () => {
    const calls = t.wechat.calls.filter((c) => c.token === A_TOKEN).length;
    const mark = { calls: t.slack.calls.length, responses: t.slack.responses.length };
    const answers = [
      await t.command('Acme', asB),
      await t.command('acme', asB),
      await t.command('', asB),
      await t.command('status', asB),
      await t.command('subscriptions', asB),
      await t.mention('<@U0QUOTABOT> quota Acme', { eventId: 'EvTenant1', teamId: B }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = JSON.stringify(answers.map((a) => a.json ?? a.text)) + everythingSaid(mark);
    expect(seen).not.toContain('31 of 47');
    expect(seen).not.toContain(aProviderId);
    expect(seen).not.toContain(A_TOKEN);
    expect(JSON.stringify(answers[4]?.json)).not.toContain(`<#${FAKE_CHANNEL_ID}>`);
    expect(t.wechat.calls.filter((c) => c.token === A_TOKEN).length).toBe(calls);
  });

  it('B’s setup of the same name opens an empty “add” modal, never A’s masked secrets', async () => {
    await t.command(`setup Acme`, asB);
    const opened = t.slack.calls.filter((c) => c.method === 'views.open').map((c) => String(c.args.view));
    expect(opened.length).toBeGreaterThan(0);
    for (const view of opened) {
      expect(view).not.toContain(aProviderId);
      expect(view).not.toContain(A_TOKEN.slice(-4));
    }
  });

  it('a view submission from B carrying A’s provider id changes nothing of A', async () => {
    const before = await readCredentials(
      t.bot.database.db,
      t.bot.box,
      (await findProvider(t.bot.database.db, A, 'Acme')) as NonNullable<Awaited<ReturnType<typeof findProvider>>>,
    );
    const res = await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      teamId: B,
      privateMetadata: JSON.stringify({ providerId: aProviderId }),
      values: {
        ...textValues({ [M.name]: 'Acme', [M.staticToken]: 'team-b-hijack-token' }),
        [M.source]: { value: { type: 'radio_buttons', selected_option: { value: 'static' } } },
      },
    });
    expect(res.status).toBe(200);
    const after = await findProvider(t.bot.database.db, A, 'Acme');
    expect(after?.id).toBe(aProviderId);
    expect(await readCredentials(t.bot.database.db, t.bot.box, after as NonNullable<typeof after>)).toEqual(before);
    // Nothing of B landed in A's list either.
    expect((await listProviders(t.bot.database.db, A)).map((p) => p.name)).toEqual(['Acme']);
  });

  it('B unsubscribing or turning off alerts in A’s channel id leaves A’s digest and alert alone', async () => {
    await t.command(`unsubscribe <#${FAKE_CHANNEL_ID}|ops>`, asB);
    await t.command(`alert off <#${FAKE_CHANNEL_ID}|ops>`, asB);
    await t.command('unsubscribe', asB);
    await t.command('alert off', asB);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await findSubscription(t.bot.database.db, A, FAKE_CHANNEL_ID)).not.toBeNull();
    expect((await findAlert(t.bot.database.db, A, FAKE_CHANNEL_ID))?.threshold).toEqual({ unit: 'count', value: 5 });
  });

  it('A still sees exactly its own data afterwards', async () => {
    const res = await t.command('Acme', { teamId: A });
    expect(JSON.stringify(res.json)).toContain('31 of 47');
    const credentials = await readCredentials(
      t.bot.database.db,
      t.bot.box,
      (await findProvider(t.bot.database.db, A, 'Acme')) as NonNullable<Awaited<ReturnType<typeof findProvider>>>,
    );
    expect(credentials).toEqual({ kind: 'static', token: A_TOKEN });
  });
});
