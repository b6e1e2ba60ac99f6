import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

/** A loopback port with nothing listening: connections are refused, as when Slack's Web API cannot be reached. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Slack Web API unreachable', () => {
  let t: TestBot | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('still acks /quota with the answer (auth.test failing must not gate slash commands)', async () => {
    t = await startTestBot({ env: { SLACK_API_URL: `http://127.0.0.1:${await deadPort()}/api/` } });
    await t.addProvider('Acme', 'wx-token-acme');
    t.wechat.setQuota('wx-token-acme', { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 });

    const res = await t.command('');

    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain('8 of 27');
  });
});
