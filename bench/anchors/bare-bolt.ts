/**
 * Framework anchor: a bare Bolt app with default options (HTTP receiver, default conversation store, default
 * logger) answering a signed `/quota` with a constant message. `token` plus `botId`/`botUserId` means Bolt knows the
 * bot's identity without any auth.test call, so no request ever leaves the process.
 * Listens on PORT (default: any free port); SIGTERM/SIGINT stop it cleanly (so --cpu-prof profiles get written).
 */
import { App } from '@slack/bolt';
import { ANCHOR_ANSWER, BOT_TOKEN, portFromEnv, SIGNING_SECRET } from '../lib/common.js';

const app = new App({
  signingSecret: SIGNING_SECRET,
  token: BOT_TOKEN,
  botId: 'B0BENCH01',
  botUserId: 'U0BENCH01',
});

app.command('/quota', async ({ ack }) => {
  await ack(ANCHOR_ANSWER);
});

await app.start(portFromEnv());

const stop = () => {
  app.stop().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
