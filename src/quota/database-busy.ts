import { messagesFor } from '../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { mrkdwnSection } from '../slack/blocks/limits.js';
import type { SlackMessage } from '../slack/blocks/types.js';
import { DatabaseBusyError } from '../store/errors.js';
import type { FailureExplanation } from './explain-failure.js';

/** The explanation of a write that gave up on a locked SQLite database, or null for any other error. */
export function explainDatabaseFailure(error: unknown, locale: Locale = DEFAULT_LOCALE): FailureExplanation | null {
  if (!(error instanceof DatabaseBusyError)) return null;
  const m = messagesFor(locale).database;
  return { code: error.code, headline: m.busyHeadline, detail: m.busyDetail, action: m.busyAction };
}

/** The whole answer to a command whose write gave up on a locked database, or null for any other error. */
export function databaseBusyMessage(error: unknown, locale: Locale = DEFAULT_LOCALE): SlackMessage | null {
  if (!(error instanceof DatabaseBusyError)) return null;
  const m = messagesFor(locale).database;
  return { text: m.busyText, blocks: [mrkdwnSection(m.busy)] };
}
