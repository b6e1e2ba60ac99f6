import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProvider } from '../../src/store/providers.js';
import { listSnapshots } from '../../src/store/snapshots.js';
import { FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { signSlackBody, slashCommandBody } from '../helpers/slack-requests.js';
import { BOT_TOKEN, SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/start-bot.js';

const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 };

/** All the text a user can see in a Slack message: the fallback and every block's text. */
function visible(message: unknown): string {
  return JSON.stringify(message);
}

describe('/quota end to end', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers inline in the ack with the numbers when WeChat answers in time', async () => {
    await t.addProvider('Acme Mini Programs', 'wx-token-acme');
    t.wechat.setQuota('wx-token-acme', QUOTA);

    const res = await t.command('');

    expect(res.status).toBe(200);
    const body = res.json as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Acme Mini Programs');
    expect(body.text).toContain('8 of 27');
    expect(body.text).toContain('1 of 3');
    expect(visible(body.blocks)).toContain('assumed');
    assertWithinBlockKitLimits(body);
    expect(t.slack.responses).toHaveLength(0);
  });

  it('acks with "checking" at once when WeChat is slow, then replaces it with the answer via response_url', async () => {
    await t.addProvider('Acme', 'wx-token-acme');
    t.wechat.setQuota('wx-token-acme', QUOTA);
    t.wechat.setLatency(1500);

    const res = await t.command('Acme', { responseId: 'slow-1' });

    // The ack left before WeChat answered: nothing was delivered yet and the ack says we are checking.
    expect(res.status).toBe(200);
    expect(t.slack.responses).toHaveLength(0);
    expect(JSON.stringify(res.json).toLowerCase()).toContain('checking');
    await t.slack.waitFor(() => t.slack.responses.length === 1, 8000);
    const late = t.slack.responses[0];
    expect(late?.id).toBe('slow-1');
    expect(late?.body.replace_original).toBe(true);
    expect(late?.body.response_type).toBe('ephemeral');
    expect(String(late?.body.text)).toContain('8 of 27');
    assertWithinBlockKitLimits(late?.body as { text: string; blocks: unknown[] });
  });

  it('serves a second /quota from the cache without calling WeChat again, and records a snapshot', async () => {
    await t.addProvider('Acme', 'wx-token-acme');
    t.wechat.setQuota('wx-token-acme', QUOTA);

    await t.command('');
    const second = await t.command('acme');

    expect(String((second.json as { text: string }).text)).toContain('8 of 27');
    expect(t.wechat.calls.filter((c) => c.path === '/wxa/queryquota')).toHaveLength(1);
    const provider = await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Acme');
    const snapshots = await listSnapshots(t.bot.database.db, FAKE_TEAM_ID, provider?.id ?? '');
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ rest: 8, limit: 27, speedupRest: 1, speedupLimit: 3 });
  });

  it('guides a workspace with no provider, naming its team id, and never shows another workspace’s data', async () => {
    await t.addProvider('Other Team Provider', 'wx-token-other', { teamId: 'T0OTHER01' });
    t.wechat.setQuota('wx-token-other', QUOTA);

    const res = await t.command('');

    const shown = visible(res.json);
    expect(shown).toContain(FAKE_TEAM_ID);
    expect(shown).toContain('provider add');
    expect(shown).not.toContain('Other Team Provider');
    expect(shown).not.toContain('8 of 27');
    expect(t.wechat.calls).toHaveLength(0);
  });

  it('names the known providers when asked for one that does not exist', async () => {
    await t.addProvider('Acme', 'wx-token-acme');

    const res = await t.command('Globex');

    const shown = visible(res.json);
    expect(shown).toContain('Globex');
    expect(shown).toContain('Acme');
    expect(t.wechat.calls).toHaveLength(0);
  });

  it('answers help, and every command word it lists is available (a member is told who may change the language)', async () => {
    const help = visible((await t.command('help')).json);
    expect(help).toContain('/quota');
    expect(help).toContain('@');
    expect(help).toContain('/quota admins');
    expect(help).toContain('/quota language');

    const language = visible((await t.command('language zh')).json).toLowerCase();
    expect(language).toContain('can change the workspace language');
    expect(language).not.toContain('not available');
  });

  it('explains a missing permission set (48001) in plain words with what to do', async () => {
    await t.addProvider('Acme', 'wx-token-acme');
    t.wechat.respond('wx-token-acme', { kind: 'errcode', errcode: 48001, errmsg: 'api unauthorized' });

    const shown = visible((await t.command('')).json);

    expect(shown).toContain('48001');
    expect(shown).toMatch(/permission set 18|permission set \(18\)/i);
  });

  it('says the stored token expired, and who must act, without calling WeChat', async () => {
    await t.addProvider('Acme', 'wx-token-acme', { expiresAt: new Date(Date.now() + 1000) });
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const shown = visible((await t.command('')).json).toLowerCase();

    expect(shown).toContain('expired');
    expect(shown).toContain('admin');
    expect(t.wechat.calls).toHaveLength(0);
  });

  it('keeps answering for the providers that work when one fails', async () => {
    await t.addProvider('Good', 'wx-good');
    await t.addProvider('Broken', 'wx-broken');
    t.wechat.setQuota('wx-good', QUOTA);
    t.wechat.respond('wx-broken', { kind: 'html' });

    const body = (await t.command('')).json as { text: string; blocks: unknown[] };

    expect(body.text).toContain('8 of 27');
    expect(visible(body.blocks)).toContain('Broken');
    assertWithinBlockKitLimits(body);
  });

  it('rejects a request with a bad signature and answers nothing', async () => {
    await t.addProvider('Acme', 'wx-token-acme');
    const body = slashCommandBody({ text: '', teamId: FAKE_TEAM_ID, responseUrl: t.slack.responseUrl('x') });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signSlackBody('not-the-secret', ts, body),
      },
      body,
    });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('8 of 27');
    expect(t.wechat.calls).toHaveLength(0);
  });

  it('never writes the WeChat token, the bot token or the signing secret to the logs', async () => {
    await t.addProvider('Acme', 'wx-token-SECRET-acme');
    t.wechat.respond('wx-token-SECRET-acme', [{ kind: 'reset' }, { kind: 'errcode', errcode: 40001 }]);
    await t.command('');
    t.bot.quota.invalidate();
    await t.command('');
    await t.mention('<@U0QUOTABOT> quota', { eventId: 'Ev0LOGCHECK' });
    await t.slack.waitFor(() => t.slack.calls.some((c) => c.method === 'chat.postMessage'));

    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('wx-token-SECRET-acme');
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
  });
});
