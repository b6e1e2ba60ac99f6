import { createHmac } from 'node:crypto';
import { request } from 'undici';

/** Slack's v0 signature of a raw body, as the real Slack computes it. */
export function signSlackBody(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackPost {
  status: number;
  text: string;
  json: unknown;
  /** Time from sending to the whole HTTP response having arrived. */
  ms: number;
}

/** POSTs a body to the bot exactly as Slack does: signed, with Slack's headers. */
export async function postSigned(
  url: string,
  signingSecret: string,
  body: string,
  contentType: string,
  extraHeaders: Record<string, string> = {},
  timestamp = Math.floor(Date.now() / 1000),
): Promise<SlackPost> {
  const started = performance.now();
  const res = await request(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackBody(signingSecret, timestamp, body),
      ...extraHeaders,
    },
    body,
  });
  const text = await res.body.text();
  const ms = performance.now() - started;
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.statusCode, text, json, ms };
}

/** A `/quota` slash command as Slack sends it (form-encoded, with a response_url). */
export function slashCommandBody(fields: {
  text: string;
  teamId: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.teamId,
    team_domain: 'acme',
    channel_id: fields.channelId ?? 'C0CHANNEL1',
    channel_name: 'mini-program-ops',
    user_id: fields.userId ?? 'U0USER0001',
    user_name: 'lin',
    command: '/quota',
    text: fields.text,
    api_app_id: 'A0QUOTABOT',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  }).toString();
}

/** An Events API envelope around an app_mention, as Slack sends it. */
export function appMentionEnvelope(fields: {
  eventId: string;
  teamId: string;
  text: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
}): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: fields.teamId,
    api_app_id: 'A0QUOTABOT',
    type: 'event_callback',
    event_id: fields.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: fields.teamId, user_id: 'U0QUOTABOT', is_bot: true }],
    event: {
      type: 'app_mention',
      user: 'U0USER0001',
      text: fields.text,
      ts: fields.ts ?? '1700000000.000100',
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
      channel: fields.channel ?? 'C0CHANNEL1',
      event_ts: fields.ts ?? '1700000000.000100',
    },
  });
}
