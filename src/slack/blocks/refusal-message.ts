import { messagesFor } from '../../i18n/catalogue.js';
import type { Locale } from '../../i18n/locale.js';
import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

/** How many bot admins a refusal names: enough to find someone, short enough to read. */
export const MAX_PEOPLE_TO_ASK = 3;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** A Slack mention (`<@U123>`, shown as the person's name), or null for anything that is not a user id. */
export function userMention(userId: string): string | null {
  return SLACK_USER_ID.test(userId) ? `<@${userId}>` : null;
}

/**
 * The refusal of a configuration change: who can do it, and whom to ask. `purpose` is the localized action
 * ("set low-quota alerts"); `askUserIds` the workspace's bot admins (the first three are named). With
 * `slackAdminsOnly` (adding and removing bot admins) only Slack's admins and owners can, so no one else is named.
 */
export function buildRefusalMessage(input: {
  locale: Locale;
  purpose: string;
  askUserIds?: readonly string[];
  slackAdminsOnly?: boolean;
}): SlackMessage {
  const m = messagesFor(input.locale).admin;
  const purpose = escapeMrkdwn(input.purpose, 200);
  const headline = input.slackAdminsOnly ? m.notAllowedSlackAdminsOnly({ purpose }) : m.notAllowed({ purpose });
  const people = input.slackAdminsOnly
    ? []
    : (input.askUserIds ?? []).map(userMention).filter((x): x is string => x !== null);
  const ask =
    people.length > 0 ? m.askPeople({ people: people.slice(0, MAX_PEOPLE_TO_ASK).join(m.listSeparator) }) : m.askAdmins;
  return {
    text: `${headline} ${ask}`,
    blocks: [mrkdwnSection(`:lock: ${headline}\n${ask}`), mrkdwnContext([m.anyoneCanRead])],
  };
}
