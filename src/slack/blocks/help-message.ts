import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

/** Usage of `/quota` and of mentions; `reason` (e.g. "I didn't understand “foo bar”.") explains why it is shown. */
export function buildHelpMessage(input: { reason?: string; locale?: Locale } = {}): SlackMessage {
  const t = messagesFor(input.locale ?? DEFAULT_LOCALE).help;
  const admin = messagesFor(input.locale ?? DEFAULT_LOCALE).admin;
  const reason = input.reason !== undefined && input.reason.trim() !== '' ? escapeMrkdwn(input.reason, 500) : null;
  return {
    text: reason ? `${reason} ${t.usageText}` : t.usageText,
    blocks: [
      ...(reason ? [mrkdwnSection(`:thinking_face: ${reason}`)] : []),
      // Bot admins and language lines come from their own area (src/i18n/messages/admin.ts).
      mrkdwnSection([t.usage, admin.helpAdmins, admin.helpLanguage].join('\n')),
      mrkdwnContext([t.resetAssumption]),
    ],
  };
}
