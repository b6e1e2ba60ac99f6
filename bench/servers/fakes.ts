/**
 * The test suite's loopback fakes of Slack and WeChat, in their own process so the server under test holds nothing
 * but itself. Prints one JSON line with the URLs, then serves until SIGTERM/SIGINT. `GET /stats` on `statsUrl` says
 * how many calls each fake has seen (a warm-cache benchmark expects no WeChat calls during load).
 * Env: WECHAT_LATENCY_MS (default 0).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeSlack } from '../../test/fakes/fake-slack.js';
import { startFakeWeChat } from '../../test/fakes/fake-wechat.js';
import { QUOTA, WECHAT_TOKEN } from '../lib/common.js';

const slack = await startFakeSlack();
const wechat = await startFakeWeChat();
wechat.setQuota(WECHAT_TOKEN, QUOTA);
wechat.setLatency(Number(process.env.WECHAT_LATENCY_MS ?? 0));

const control = createServer((_req, res) => {
  const stats = {
    wechatCalls: wechat.calls.length,
    slackCalls: slack.calls.map((call) => call.method),
    responseUrlPosts: slack.responses.length,
  };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

process.stdout.write(
  `${JSON.stringify({
    slackApiUrl: slack.apiUrl,
    responseUrl: slack.responseUrl('bench'),
    wechatUrl: wechat.url,
    statsUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}/stats`,
  })}\n`,
);

const stop = () => {
  control.closeAllConnections();
  control.close();
  Promise.all([slack.close(), wechat.close()]).finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
