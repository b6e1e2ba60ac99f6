import type { webApi } from '@slack/bolt';
import type { Locale, LocaleResolver } from '../i18n/locale.js';
import { buildRefusalMessage } from './blocks/refusal-message.js';
import type { SlackMessage } from './blocks/types.js';
import type { Permissions } from './permissions.js';

/** What was refused: fixed text, or text per language (a subcommand's `purpose`). */
export type Purpose = string | ((locale: Locale) => string);

/** The refused action in one language. */
export function purposeText(purpose: Purpose, locale: Locale): string {
  return typeof purpose === 'function' ? purpose(locale) : purpose;
}

/**
 * The refusal of a configuration change, in the user's language, naming up to three of the workspace's bot admins
 * to ask. Both look-ups are cached, so this costs no Slack call after the permission check. Never rejects.
 */
export async function refuseConfiguration(
  deps: { permissions: Permissions; locales: LocaleResolver },
  request: { client: webApi.WebClient; teamId: string; userId: string; purpose: Purpose },
): Promise<SlackMessage> {
  const [locale, delegates] = await Promise.all([
    deps.locales.forUser(request.client, request.teamId, request.userId),
    deps.permissions.delegates(request.teamId),
  ]);
  return buildRefusalMessage({ locale, purpose: purposeText(request.purpose, locale), askUserIds: delegates });
}
