import { messagesFor } from '../../i18n/catalogue.js';
import { listAlerts } from '../../store/alerts.js';
import { listSubscriptions } from '../../store/subscriptions.js';
import { buildSubscriptionsMessage } from '../blocks/subscription-messages.js';
import type { SubcommandHandler } from '../subcommands.js';
import type { DigestCommandDeps } from './deps.js';

/** `/quota subscriptions`: every digest subscription and alert of the workspace (anyone may look). */
export function subscriptionsCommand(deps: DigestCommandDeps): SubcommandHandler {
  return {
    adminOnly: false,
    purpose: (locale) => messagesFor(locale).subscriptions.purposeList,
    async handle(request) {
      const [subscriptions, alerts] = await Promise.all([
        listSubscriptions(deps.db, request.teamId),
        listAlerts(deps.db, request.teamId),
      ]);
      return buildSubscriptionsMessage({ subscriptions, alerts, locale: request.locale });
    },
  };
}
