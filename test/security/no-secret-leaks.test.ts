import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_MODAL } from '../../src/slack/ids.js';
import { findProvider } from '../../src/store/providers.js';
import { saveSubscription } from '../../src/store/subscriptions.js';
import { FAKE_ADMIN_USER_ID, FAKE_CHANNEL_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { finishInstall, OAUTH_ENV, startInstall } from '../helpers/oauth-install.js';
import { runCliCaptured } from '../helpers/run-cli-in-process.js';
import { submitView, textValues } from '../helpers/slack-interactivity.js';
import { BOT_TOKEN, SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/start-bot.js';
import { postPush, signPush, ticketMessage } from '../helpers/wechat-push.js';

const M = SETUP_MODAL.blocks;
const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const COMPONENT_APPID = 'wxc0c0c0c0c0c0c0c0';
/** Every secret the scenario hands the bot; none may come out anywhere. */
const SECRETS = {
  signingSecret: SIGNING_SECRET,
  botToken: BOT_TOKEN,
  encryptionKey: ENCRYPTION_KEY,
  staticToken: 'leakcheck-static-token-0f9e8d',
  componentSecret: 'leakcheck-component-secret-77aa',
  refreshToken: 'leakcheck-refresh-token-5b5b',
  callbackToken: 'leakcheckPushToken42',
  encodingAesKey: 'LeakCheckAesKey0123456789abcdefghijklmnopqr',
  ticket: 'leakcheck-ticket-ticket-0c0c',
  cliToken: 'leakcheck-cli-token-3e3e',
  cliHeader: 'leakcheck-bearer-9d9d',
  centralUrlKey: 'leakcheck-url-key-4242',
};

describe('no secret in any log line, error, message or CLI output, across a whole scenario', () => {
  let t: TestBot;
  let dir = '';
  const outputs: string[] = [];

  beforeAll(async () => {
    t = await startTestBot({ env: { ENCRYPTION_KEY } });
    dir = await mkdtemp(path.join(tmpdir(), 'quota-bot-leaks-'));
    t.wechat.setQuota(SECRETS.staticToken, { rest: 3, limit: 20, speedup_rest: 0, speedup_limit: 3 });

    // Slack: commands, a mention, a failing provider (WeChat's error echoes the token), status and help.
    await t.addProvider('Acme', SECRETS.staticToken);
    t.wechat.respond('leakcheck-echoed-token', {
      kind: 'errcode',
      errcode: 40001,
      errmsg: `invalid credential, access_token is leakcheck-echoed-token`,
    });
    await t.addProvider('Echo', 'leakcheck-echoed-token');
    for (const text of ['', 'Acme', 'Echo', 'status', 'help', 'nonsense provider']) {
      outputs.push(JSON.stringify((await t.command(text, { userId: FAKE_ADMIN_USER_ID })).json));
    }
    outputs.push((await t.mention('<@U0QUOTABOT> quota', { eventId: 'EvLeak1' })).text);

    // The setup modal, typed with every kind of secret: component, then central with a header and a keyed URL.
    await t.command('setup', { userId: FAKE_ADMIN_USER_ID });
    for (const values of [
      {
        ...textValues({
          [M.name]: 'Comp',
          [M.componentAppId]: COMPONENT_APPID,
          [M.componentSecret]: SECRETS.componentSecret,
          [M.authorizerAppId]: 'wxa1a1a1a1a1a1a1a1',
          [M.refreshToken]: SECRETS.refreshToken,
          [M.callbackToken]: SECRETS.callbackToken,
          [M.encodingAesKey]: SECRETS.encodingAesKey,
        }),
        [M.source]: { value: { type: 'radio_buttons', selected_option: { value: 'component' } } },
      },
      {
        ...textValues({
          [M.name]: 'Central',
          [M.centralUrl]: `http://127.0.0.1:9/tokens?key=${SECRETS.centralUrlKey}`,
          [M.centralHeader]: `Authorization: Bearer ${SECRETS.cliHeader}`,
        }),
        [M.source]: { value: { type: 'radio_buttons', selected_option: { value: 'central' } } },
      },
    ]) {
      const res = await submitView(t.baseUrl, {
        callbackId: SETUP_MODAL.callbackId,
        userId: FAKE_ADMIN_USER_ID,
        values,
      });
      outputs.push(res.text);
    }
    // Editing shows the secrets masked: the modal must not carry them.
    await t.command('setup Comp', { userId: FAKE_ADMIN_USER_ID });
    await t.command('Comp', { userId: FAKE_ADMIN_USER_ID });
    await t.command('Central', { userId: FAKE_ADMIN_USER_ID });

    // WeChat's push of a ticket to the callback, then a forged one.
    expect(await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Comp')).not.toBeNull();
    const push = signPush({
      token: SECRETS.callbackToken,
      encodingAesKey: SECRETS.encodingAesKey,
      appId: COMPONENT_APPID,
      message: ticketMessage(COMPONENT_APPID, SECRETS.ticket),
    });
    outputs.push(JSON.stringify(await postPush(t.baseUrl, push)));
    outputs.push(
      JSON.stringify(
        await postPush(t.baseUrl, { ...push, query: push.query.replace(/msg_signature=\w/, 'msg_signature=0') }),
      ),
    );
    await t.command('status', { userId: FAKE_ADMIN_USER_ID });

    // A digest run.
    await saveSubscription(t.bot.database.db, {
      teamId: FAKE_TEAM_ID,
      channelId: FAKE_CHANNEL_ID,
      schedule: { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Shanghai' },
      subscribedBy: FAKE_ADMIN_USER_ID,
      now: new Date(Date.now() - 8 * 24 * 3600 * 1000),
    });
    outputs.push(JSON.stringify(await t.bot.digests.runDue(new Date())));

    // The CLI, with secrets on flags and on standard input, against its own database.
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}`,
      ENCRYPTION_KEY,
      WECHAT_API_BASE_URL: t.wechat.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: t.slack.apiUrl,
    };
    for (const [argv, stdin] of [
      [['provider', 'add', '--team', FAKE_TEAM_ID, '--name', 'Cli', '--token', '-'], `${SECRETS.cliToken}\n`],
      [['provider', 'add', '--team', FAKE_TEAM_ID, '--name', 'Cli2', '--token', SECRETS.cliToken], ''],
      [
        [
          'provider',
          'add',
          '--team',
          FAKE_TEAM_ID,
          '--name',
          'Cen',
          '--token-url',
          'https://t.example/x',
          '--token-url-header',
          '-',
        ],
        `X-Key: ${SECRETS.cliHeader}\n`,
      ],
      [
        [
          'provider',
          'add',
          '--team',
          FAKE_TEAM_ID,
          '--name',
          'Bad',
          '--token-url',
          'https://t.example',
          '--token-url-header',
          SECRETS.cliHeader,
        ],
        '',
      ],
      [['provider', 'list', '--team', FAKE_TEAM_ID, '--json'], ''],
      [['check', '--team', FAKE_TEAM_ID, '--json'], ''],
      [['check', '--token', SECRETS.cliToken], ''],
      [['check', '--token', SECRETS.cliToken, '--json'], ''],
      [['subscription', 'list', '--team', FAKE_TEAM_ID], ''],
      [['digest', 'run', '--dry-run'], ''],
    ] as Array<[string[], string]>) {
      const { stdout, stderr } = await runCliCaptured(argv, env, stdin);
      outputs.push(stdout, stderr);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the scenario exercised the paths (the control)', () => {
    expect(t.logs.length).toBeGreaterThan(20);
    expect(t.slack.calls.some((c) => c.method === 'views.open')).toBe(true);
    expect(outputs.some((o) => o.includes('success'))).toBe(true);
  });

  it.each(Object.entries(SECRETS))(
    '%s appears in no log line, Slack message, HTTP answer or CLI output',
    (_, secret) => {
      const slackSaid = JSON.stringify([
        t.slack.calls.map((c) => ({ method: c.method, args: c.args })),
        t.slack.responses,
      ]);
      const places: Array<[string, string]> = [
        ['logs', t.logs.join('\n')],
        ['slack', slackSaid],
        ['outputs', outputs.join('\n')],
      ];
      for (const [where, text] of places) {
        for (const form of [secret, encodeURIComponent(secret)]) {
          const at = text.indexOf(form);
          expect(at, `${where}: …${text.slice(Math.max(0, at - 200), at + 50)}`).toBe(-1);
        }
      }
    },
  );
});

describe('no OAuth secret in any log line, HTTP answer or /metrics (multi-workspace mode)', () => {
  const team = 'T0LEAKOAUTH';
  const oauthSecrets = {
    clientSecret: OAUTH_ENV.SLACK_CLIENT_SECRET,
    stateSecret: OAUTH_ENV.SLACK_STATE_SECRET,
    installedBotToken: 'xoxb-leakcheck-oauth-bot-6a6a',
    oauthCode: 'leakcheck-oauth-code-7b7b',
    wechatToken: 'leakcheck-oauth-wechat-8c8c',
  };
  let t: TestBot;
  const outputs: string[] = [];

  beforeAll(async () => {
    t = await startTestBot({ env: OAUTH_ENV });
    const start = await startInstall(t.baseUrl);
    outputs.push(start.location.toString());
    t.slack.grantInstall(oauthSecrets.oauthCode, { teamId: team, botToken: oauthSecrets.installedBotToken });
    outputs.push((await finishInstall(t.baseUrl, { ...start, code: oauthSecrets.oauthCode })).body);
    t.wechat.setQuota(oauthSecrets.wechatToken, { rest: 3, limit: 20, speedup_rest: 0, speedup_limit: 3 });
    await t.addProvider('Acme', oauthSecrets.wechatToken, { teamId: team });
    outputs.push(JSON.stringify((await t.command('Acme', { teamId: team })).json));
    outputs.push(JSON.stringify((await t.command('status', { teamId: team, userId: FAKE_ADMIN_USER_ID })).json));
    outputs.push(await (await fetch(`${t.baseUrl}/metrics`)).text());
  }, 30_000);

  afterAll(async () => {
    await t.close();
  });

  it('the scenario installed the workspace and answered it (the control)', () => {
    expect(t.slack.calls.some((c) => c.method === 'oauth.v2.access')).toBe(true);
    expect(t.slack.calls.some((c) => c.token === oauthSecrets.installedBotToken)).toBe(true);
    expect(outputs.join('\n')).toContain('quota_bot_commands_total');
    expect(outputs.join('\n')).toContain('3 of 20');
  });

  it.each(Object.entries(oauthSecrets))('%s appears in no log line, HTTP answer or /metrics', (_, secret) => {
    for (const [where, text] of [
      ['logs', t.logs.join('\n')],
      ['outputs', outputs.join('\n')],
    ] as const) {
      const at = text.indexOf(secret);
      expect(at, `${where}: …${text.slice(Math.max(0, at - 200), at + 50)}`).toBe(-1);
    }
  });
});
