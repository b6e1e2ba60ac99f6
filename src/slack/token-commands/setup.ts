import { messagesFor } from '../../i18n/catalogue.js';
import { validateProviderName } from '../../quota/provider-name.js';
import type { SubcommandHandler } from '../subcommands.js';
import type { ProviderSetup } from './provider-setup.js';

/** Slack escapes `&`, `<` and `>` in command text; a stored name has the real characters. */
function unescapeSlack(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, entity: string) => (entity === 'amp' ? '&' : entity === 'lt' ? '<' : '>'));
}

/**
 * `/quota setup [NAME]`: opens the credentials modal, to add a provider or edit NAME. The trigger_id lives 3 seconds,
 * so the modal opens before anything else; the answer is the modal itself (null: nothing to say in the channel).
 */
export function setupCommand(setup: ProviderSetup): SubcommandHandler {
  return {
    adminOnly: true,
    purpose: (locale) => messagesFor(locale).setup.purposeSetup,
    async handle(request) {
      const typed = unescapeSlack(request.args).trim();
      const named = typed === '' ? null : validateProviderName(typed);
      const view = await setup.modalFor(request.teamId, named?.ok ? named.name : null, request.locale);
      await request.client.views.open({ trigger_id: request.triggerId, view });
      return null;
    },
  };
}
