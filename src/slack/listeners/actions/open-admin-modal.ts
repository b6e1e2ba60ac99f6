import type { BlockAction, webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { messagesFor } from '../../../i18n/catalogue.js';
import type { Locale } from '../../../i18n/locale.js';
import { buildNoticeModal } from '../../blocks/subscribe-modal.js';
import type { SlackDeps } from '../deps.js';
import { whoClicked } from './action-context.js';

/**
 * Opens a configuration modal from an App Home button, for admins only: the button is only drawn for admins, but a
 * click is a request anyone can forge, so the check is made again here. Others get a modal saying who can.
 * The trigger_id lives 3 seconds: the admin check is cached, and building the view reads the database only.
 */
export async function openAdminModal(
  deps: SlackDeps,
  client: webApi.WebClient,
  body: BlockAction,
  build: (context: { teamId: string; userId: string; locale: Locale }) => Promise<ModalView>,
): Promise<void> {
  const { teamId, userId } = whoClicked(body);
  try {
    const [allowed, locale] = await Promise.all([
      deps.permissions.canConfigure(client, teamId, userId),
      deps.locales.forUser(client, teamId, userId),
    ]);
    const words = messagesFor(locale).home;
    const view = allowed
      ? await build({ teamId, userId, locale })
      : buildNoticeModal({ locale, title: words.notAllowedTitle, text: words.notAllowed });
    if (!allowed) deps.logger.warn({ teamId, userId }, 'a non-admin clicked a configuration button; refused');
    await client.views.open({ trigger_id: body.trigger_id, view });
  } catch (err) {
    deps.logger.error({ err, teamId }, 'could not open a modal from the App Home');
  }
}
