import { FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { postSigned, type SlackPost } from './slack-requests.js';
import { SIGNING_SECRET } from './start-bot.js';

/** The values of a submitted modal: block_id → action_id → element state, as Slack sends them. */
export type ViewStateValues = Record<string, Record<string, Record<string, unknown>>>;

/** Text typed into the setup modal's inputs, keyed by block_id (each input's action_id is `value`). */
export function textValues(typed: Record<string, string>): ViewStateValues {
  return Object.fromEntries(
    Object.entries(typed).map(([block, value]) => [block, { value: { type: 'plain_text_input', value } }]),
  );
}

/** A view_submission exactly as Slack posts it: form field `payload=<JSON>`, signed. */
export function submitView(
  baseUrl: string,
  input: {
    callbackId: string;
    values: ViewStateValues;
    privateMetadata?: string;
    userId?: string;
    teamId?: string;
  },
): Promise<SlackPost> {
  const teamId = input.teamId ?? FAKE_TEAM_ID;
  const payload = {
    type: 'view_submission',
    team: { id: teamId, domain: 'acme' },
    user: { id: input.userId ?? 'U0USER0001', name: 'lin', team_id: teamId },
    api_app_id: 'A0QUOTABOT',
    token: 'legacy-verification-token',
    trigger_id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703d',
    view: {
      id: 'V0FAKE0001',
      team_id: teamId,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? '',
      state: { values: input.values },
      hash: '1700000000.abcdef',
      blocks: [],
      title: { type: 'plain_text', text: 'x' },
    },
    response_urls: [],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(`${baseUrl}/slack/events`, SIGNING_SECRET, body, 'application/x-www-form-urlencoded');
}
