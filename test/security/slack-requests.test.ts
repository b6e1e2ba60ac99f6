import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SLACK_BODY_BYTES } from '../../src/slack/receiver.js';
import { FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { appMentionEnvelope, postSigned, signSlackBody, slashCommandBody } from '../helpers/slack-requests.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../helpers/start-bot.js';

const now = () => Math.floor(Date.now() / 1000);
const FORM = 'application/x-www-form-urlencoded';

describe('every Slack route is authenticated by its signature and timestamp', () => {
  let t: TestBot;
  let url: string;
  const bodies: Array<[string, () => string, string]> = [];

  beforeAll(async () => {
    t = await startTestBot();
    url = `${t.baseUrl}/slack/events`;
    await t.addProvider('Acme', 'static-token-0001');
    bodies.push(
      [
        'slash command',
        () => slashCommandBody({ text: '', teamId: FAKE_TEAM_ID, responseUrl: t.slack.responseUrl('sig') }),
        FORM,
      ],
      [
        'event',
        () => appMentionEnvelope({ eventId: `Ev${Math.random()}`, teamId: FAKE_TEAM_ID, text: '<@U0QUOTABOT> quota' }),
        'application/json',
      ],
      [
        'interactivity payload',
        () =>
          new URLSearchParams({
            payload: JSON.stringify({
              type: 'view_submission',
              team: { id: FAKE_TEAM_ID },
              user: { id: 'U0USER0001', team_id: FAKE_TEAM_ID },
              view: { callback_id: 'quota_setup', private_metadata: '', state: { values: {} } },
            }),
          }).toString(),
        FORM,
      ],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  async function post(body: string, contentType: string, headers: Record<string, string | undefined>) {
    const res = await request(url, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries({ 'content-type': contentType, ...headers }).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
      body,
    });
    await res.body.text();
    return res.statusCode;
  }

  it.each([0, 1, 2])(
    'route %#: missing, garbled or wrong signatures and timestamps are refused with 401',
    async (i) => {
      const [, make, contentType] = bodies[i] as [string, () => string, string];
      const body = make();
      const ts = now();
      const good = signSlackBody(SIGNING_SECRET, ts, body);
      const cases: Array<Record<string, string | undefined>> = [
        {},
        { 'x-slack-request-timestamp': String(ts) },
        { 'x-slack-signature': good },
        { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': 'v0=' },
        { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': 'garbage' },
        { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': good.replace('v0=', 'v1=') },
        {
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`,
        },
        { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackBody('another-secret', ts, body) },
        { 'x-slack-request-timestamp': String(ts + 1), 'x-slack-signature': good },
        { 'x-slack-request-timestamp': 'yesterday', 'x-slack-signature': good },
      ];
      for (const headers of cases) expect(await post(body, contentType, headers), JSON.stringify(headers)).toBe(401);
      // The body is covered too: the same signature over a changed body is refused.
      expect(
        await post(`${body}x`, contentType, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': good }),
      ).toBe(401);
    },
  );

  it('a correctly signed request is accepted (the control)', async () => {
    const res = await t.command('');
    expect(res.status).toBe(200);
  });

  it.each([0, 1, 2])(
    'route %#: a timestamp outside ±5 minutes is refused both ways, even correctly signed',
    async (i) => {
      const [, make, contentType] = bodies[i] as [string, () => string, string];
      for (const offset of [-6 * 60, -24 * 3600, 6 * 60, 24 * 3600, 10 * 365 * 24 * 3600]) {
        const res = await postSigned(url, SIGNING_SECRET, make(), contentType, {}, now() + offset);
        expect(res.status, `offset ${offset}`).toBe(401);
      }
    },
  );

  it('timestamps a little off either way (clock skew within 5 minutes) still pass', async () => {
    for (const offset of [-4 * 60, 4 * 60]) {
      const body = slashCommandBody({
        text: 'help',
        teamId: FAKE_TEAM_ID,
        responseUrl: t.slack.responseUrl(`s${offset}`),
      });
      expect((await postSigned(url, SIGNING_SECRET, body, FORM, {}, now() + offset)).status).toBe(200);
    }
  });

  it('a timestamp Bolt would read as a number but is not plain decimal seconds is refused', async () => {
    const body = slashCommandBody({ text: 'help', teamId: FAKE_TEAM_ID, responseUrl: t.slack.responseUrl('hex') });
    for (const ts of [`0x${now().toString(16)}`, `${now()}.0`, `${now() / 1e9}e9`, `+${now()}`]) {
      const signature = `v0=${signSlackBody(SIGNING_SECRET, Number(ts), body).slice(3)}`;
      expect(await post(body, FORM, { 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }), ts).toBe(401);
    }
  });

  it('a body over the cap is refused with 413 before it is read, even correctly signed', async () => {
    const big = `token=x&team_id=${FAKE_TEAM_ID}&text=${'a'.repeat(MAX_SLACK_BODY_BYTES + 10)}`;
    const res = await postSigned(url, SIGNING_SECRET, big, FORM);
    expect(res.status).toBe(413);
    expect(MAX_SLACK_BODY_BYTES).toBeLessThanOrEqual(1024 * 1024);
  });

  it('a multi-megabyte declared body gets its 413 without the bot waiting for (or buffering) the bytes', async () => {
    const port = Number(new URL(t.baseUrl).port);
    const status = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            `x-slack-request-timestamp: ${now()}\r\nx-slack-signature: v0=00\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n{"a":`,
        );
      });
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
        if (data.includes('\r\n')) {
          resolve(data.split('\r\n')[0] ?? '');
          socket.destroy();
        }
      });
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        reject(new Error('no answer within 3 s'));
      }, 3000).unref();
    });
    expect(status).toMatch(/^HTTP\/1\.1 413/);
  });

  it('a chunked body that never ends is cut off at the cap', async () => {
    const port = Number(new URL(t.baseUrl).port);
    const status = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            `x-slack-request-timestamp: ${now()}\r\nx-slack-signature: v0=00\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        const chunk = 'a'.repeat(64 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 4 * 1024 * 1024 && !socket.destroyed) {
            sent += chunk.length;
            if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once('drain', pump);
          }
        };
        pump();
      });
      let data = '';
      socket.on('data', (c) => {
        data += c.toString();
        if (data.includes('\r\n')) {
          resolve(data.split('\r\n')[0] ?? '');
          socket.destroy();
        }
      });
      socket.on('error', () => resolve(data.split('\r\n')[0] ?? 'reset'));
      setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref();
    });
    expect(status).toMatch(/^HTTP\/1\.1 413|^reset$/);
  });
});
