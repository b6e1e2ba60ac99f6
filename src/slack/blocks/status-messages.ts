import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

/** Honest answer to a reserved command word (`subscribe`, `alert`, …) whose feature this version does not have. */
export function buildNotAvailableMessage(input: { feature: string; locale?: Locale }): SlackMessage {
  const t = messagesFor(input.locale ?? DEFAULT_LOCALE).errors;
  const feature = escapeMrkdwn(input.feature, 40) || 'that';
  return {
    text: t.notAvailableText({ feature }),
    blocks: [mrkdwnSection(t.notAvailable({ feature })), mrkdwnContext([t.whatWorksNow])],
  };
}

/** The answer when the bot itself failed; says nothing about internals. */
export function buildInternalErrorMessage(locale: Locale = DEFAULT_LOCALE): SlackMessage {
  const t = messagesFor(locale).errors;
  return { text: t.internalText, blocks: [mrkdwnSection(t.internal)] };
}

/** The short placeholder sent with the ack when the answer is not ready in time; the real answer follows. */
export function buildCheckingMessage(locale: Locale = DEFAULT_LOCALE): SlackMessage {
  const t = messagesFor(locale).errors;
  return { text: t.checkingText, blocks: [mrkdwnContext([t.checking])] };
}

/** The placeholder sent with the ack when a subcommand's answer is not ready in time; the answer follows. */
export function buildWorkingMessage(locale: Locale = DEFAULT_LOCALE): SlackMessage {
  const t = messagesFor(locale).errors;
  return { text: t.workingText, blocks: [mrkdwnContext([t.working])] };
}
