import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

const USAGE = [
  '*Check the WeChat code-audit quota*',
  '• `/quota` — audits left for every provider of this workspace',
  '• `/quota NAME` — one provider, e.g. `/quota Acme`',
  '• `/quota help` — this help',
  '• `/quota status` — where each provider’s token comes from and whether it is healthy',
  '• `/quota setup [NAME]` — add a provider or change its credentials (admins)',
  '• `/quota subscribe [#channel] [mon 09:00] [Asia/Shanghai]` — weekly digest in a channel (admins); `/quota subscriptions` lists them',
  '• `/quota alert 5` or `/quota alert 20%` — warn the channel when audits left fall that low (admins); `/quota alert off`',
  '• `@bot quota [NAME]` — mention me in a channel; I answer in a thread (`@bot help` shows this help)',
].join('\n');

const USAGE_TEXT =
  'Usage: /quota shows every provider, /quota NAME one provider, /quota help this help; ' +
  'or mention me with "quota [NAME]".';

/** Usage of `/quota` and of mentions; `reason` (e.g. "I didn't understand “foo bar”.") explains why it is shown. */
export function buildHelpMessage(input: { reason?: string } = {}): SlackMessage {
  const reason = input.reason !== undefined && input.reason.trim() !== '' ? escapeMrkdwn(input.reason, 500) : null;
  return {
    text: reason ? `${reason} ${USAGE_TEXT}` : USAGE_TEXT,
    blocks: [
      ...(reason ? [mrkdwnSection(`:thinking_face: ${reason}`)] : []),
      mrkdwnSection(USAGE),
      mrkdwnContext([
        'Quotas are assumed to reset on the 1st of each month at 00:00 (WeChat does not document the exact moment).',
      ]),
    ],
  };
}
