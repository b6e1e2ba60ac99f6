import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createReauthNotifier } from '../../src/slack/reauth-notifier.js';
import { saveProvider } from '../../src/store/providers.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { describeEachDatabase } from '../helpers/databases.js';

const TOKENS: Record<string, string> = { T0AAA: 'xoxb-aaa', T0BBB: 'xoxb-bbb' };

describeEachDatabase('re-authorization notices per workspace', (ctx) => {
  let slack: FakeSlack;
  const logs: string[] = [];
  beforeEach(async () => {
    slack = await startFakeSlack();
    logs.length = 0;
  });
  afterEach(async () => {
    await slack.close();
  });

  async function notify(teamId: string) {
    const { provider } = await saveProvider(ctx.database.db, ctx.box, {
      teamId,
      name: 'Acme',
      credentials: { kind: 'static', token: 'wx' },
      tokenExpiresAt: null,
      now: new Date(),
      configuredBy: 'U0ADMIN001',
    });
    const work: Promise<unknown>[] = [];
    const notifier = createReauthNotifier({
      db: ctx.database.db,
      botTokenFor: async (team) => TOKENS[team] ?? null,
      slackApiUrl: slack.apiUrl,
      logger: createLogger({ level: 'info', destination: { write: (line: string) => logs.push(line) } }),
      track: (promise) => work.push(promise),
    });
    notifier(provider, 'deauthorized');
    await Promise.all(work);
  }

  it("DMs the admin with the provider's own workspace token", async () => {
    await notify('T0BBB');
    await notify('T0AAA');
    const dms = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(dms.map((c) => [c.token, c.args.channel])).toEqual([
      ['xoxb-bbb', 'U0ADMIN001'],
      ['xoxb-aaa', 'U0ADMIN001'],
    ]);
  });

  it('posts nothing for a workspace where the bot is not installed, and says so in the log', async () => {
    await notify('T0GONE');
    expect(slack.calls).toEqual([]);
    expect(logs.join('\n')).toContain('the bot is not installed in its workspace');
  });
});
