/**
 * What every benchmark server and load generator agrees on: the secrets, the one request they all answer, and the
 * answer the anchors send. Kept free of the bot's own modules so the anchors load nothing of the bot.
 */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-bench-bot-token-0000';
export const TEAM_ID = 'T0FAKE001';
export const WECHAT_TOKEN = 'wx-bench-token';
export const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 } as const;
/** Every successful answer (the bot's and the anchors') contains this. */
export const ANSWER_MARKER = '8 of 27';
/** Bolt's default endpoint; the plain-http anchor answers on the same path. */
export const EVENTS_PATH = '/slack/events';

/**
 * The anchors' constant answer: the same shape and size (≈530 bytes) as the bot's real answer to `/quota` with one
 * provider, so every server serializes and sends about as much.
 */
export const ANCHOR_ANSWER = Object.freeze({
  response_type: 'ephemeral',
  text: 'Acme: 8 of 27 audits left, 1 of 3 expedited',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Acme', emoji: true } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '▰▰▰▱▱▱▱▱▱▱  *8 of 27* audits left\nExpedited: *1 of 3*\nResets 1 Dec, 00:00 Beijing time (assumed) · 5 days left',
        verbatim: true,
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Checked <!date^1795686312^{date_short_pretty} {time}|26 Nov 2026, 17:45 Beijing time>',
          verbatim: true,
        },
      ],
    },
  ],
});

/** `/quota` (no text) exactly as Slack sends it; the same bytes go to every server. */
export function quotaCommandBody(responseUrl = 'http://127.0.0.1:9/response/bench'): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'acme',
    channel_id: 'C0CHANNEL1',
    channel_name: 'mini-program-ops',
    user_id: 'U0USER0001',
    user_name: 'lin',
    command: '/quota',
    text: '',
    api_app_id: 'A0QUOTABOT',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  }).toString();
}

/** Slack's v0 signature: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{body}`). */
export function signSlackBody(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Headers of a signed request made now; the timestamp stays valid for Slack's 5-minute window. */
export function signedHeaders(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackBody(SIGNING_SECRET, timestamp, body),
  };
}

/** PORT from the environment (0 when unset: any free port). */
export function portFromEnv(): number {
  const port = Number(process.env.PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad PORT ${process.env.PORT}`);
  return port;
}
