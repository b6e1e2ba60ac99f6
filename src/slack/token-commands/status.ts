import type { Kysely } from 'kysely';
import { messagesFor } from '../../i18n/catalogue.js';
import type { DatabaseSchema } from '../../store/schema.js';
import { describeTokenStatus } from '../../tokens/provider-status.js';
import { buildTokenStatusMessage } from '../blocks/token-status-message.js';
import type { SubcommandHandler } from '../subcommands.js';

/** `/quota status`: each provider's token source and health, from what is stored (it calls nobody). */
export function statusCommand(deps: {
  db: Kysely<DatabaseSchema>;
  clock: () => Date;
  timeZone: string;
}): SubcommandHandler {
  return {
    adminOnly: false,
    purpose: (locale) => messagesFor(locale).tokens.purposeStatus,
    async handle(request) {
      const statuses = await describeTokenStatus(deps.db, request.teamId, deps.clock());
      return buildTokenStatusMessage({ statuses, timeZone: deps.timeZone, locale: request.locale });
    },
  };
}
