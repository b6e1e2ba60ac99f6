import { FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { postSigned, type SlackPost } from './slack-requests.js';
import { SIGNING_SECRET } from './start-bot.js';

/** Where the clicked button was: an ephemeral answer, a message in a channel, or the App Home. */
export type ClickedOn =
  | { kind: 'ephemeral'; channelId?: string; responseUrl: string }
  | { kind: 'message'; channelId?: string; ts: string; responseUrl: string; threadTs?: string }
  | { kind: 'home' };

/** A block_actions payload exactly as Slack posts it for a button click: form field `payload=<JSON>`, signed. */
export function clickButton(
  baseUrl: string,
  input: {
    actionId: string;
    value?: string;
    blockId?: string;
    on: ClickedOn;
    userId?: string;
    teamId?: string;
  },
): Promise<SlackPost> {
  const teamId = input.teamId ?? FAKE_TEAM_ID;
  const { on } = input;
  const channelId = on.kind === 'home' ? undefined : (on.channelId ?? 'C0CHANNEL1');
  const where =
    on.kind === 'home'
      ? {
          container: { type: 'view', view_id: 'V0HOME0001' },
          view: { id: 'V0HOME0001', type: 'home', team_id: teamId, blocks: [], hash: '1700000000.home' },
        }
      : {
          container: {
            type: 'message',
            message_ts: on.kind === 'message' ? on.ts : '1700000000.000200',
            channel_id: channelId,
            is_ephemeral: on.kind === 'ephemeral',
          },
          channel: { id: channelId, name: 'mini-program-ops' },
          response_url: on.responseUrl,
          ...(on.kind === 'message'
            ? { message: { type: 'message', ts: on.ts, ...(on.threadTs ? { thread_ts: on.threadTs } : {}), text: 'x' } }
            : {}),
        };
  const payload = {
    type: 'block_actions',
    team: { id: teamId, domain: 'acme' },
    user: { id: input.userId ?? 'U0USER0001', username: 'lin', name: 'lin', team_id: teamId },
    api_app_id: 'A0QUOTABOT',
    token: 'legacy-verification-token',
    trigger_id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703e',
    ...where,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'blk',
        text: { type: 'plain_text', text: 'x' },
        ...(input.value === undefined ? {} : { value: input.value }),
        action_ts: '1700000000.000300',
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(`${baseUrl}/slack/events`, SIGNING_SECRET, body, 'application/x-www-form-urlencoded');
}

/** An Events API envelope around app_home_opened, as Slack sends it when a user opens the bot's Home (or Messages) tab. */
export function openHome(
  baseUrl: string,
  input: { userId?: string; teamId?: string; tab?: 'home' | 'messages'; eventId?: string },
): Promise<SlackPost> {
  const teamId = input.teamId ?? FAKE_TEAM_ID;
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0QUOTABOT',
    type: 'event_callback',
    event_id: input.eventId ?? `EvHome${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'U0QUOTABOT', is_bot: true }],
    event: {
      type: 'app_home_opened',
      user: input.userId ?? 'U0USER0001',
      channel: 'D0HOME0001',
      tab: input.tab ?? 'home',
      event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    },
  });
  return postSigned(`${baseUrl}/slack/events`, SIGNING_SECRET, body, 'application/json');
}

/** Every view the bot published with views.publish, parsed, with the user it was for. */
export function publishedViews(calls: Array<{ method: string; args: Record<string, unknown> }>) {
  return calls
    .filter((call) => call.method === 'views.publish')
    .map((call) => ({
      userId: String(call.args.user_id),
      view: (typeof call.args.view === 'string' ? JSON.parse(call.args.view) : call.args.view) as {
        type: string;
        blocks: Array<Record<string, unknown>>;
      },
    }));
}
