import { webApi } from '@slack/bolt';
import type { Kysely } from 'kysely';
import { boltLoggerFrom, type Logger } from '../logging/logger.js';
import { readProviderState } from '../store/provider-state.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { ReauthNotifier } from '../tokens/token-resolver.js';
import { buildReauthNoticeMessage } from './blocks/token-messages.js';

/**
 * Tells whoever last configured the provider through `/quota setup` (a DM) that it needs re-authorization; when
 * nobody is known (it was added with the CLI), the warning stays in the log. Fire-and-forget: never throws.
 */
export function createReauthNotifier(deps: {
  db: Kysely<DatabaseSchema>;
  /** Single-workspace mode: the one bot token reaches every admin. */
  botToken: string;
  slackApiUrl: string | null;
  logger: Logger;
  track?: (work: Promise<unknown>) => void;
}): ReauthNotifier {
  const log = deps.logger.child({ component: 'reauth-notifier' });
  const client = new webApi.WebClient(deps.botToken, {
    ...(deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {}),
    logger: boltLoggerFrom(log),
  });
  return (provider, reason) => {
    const work = (async () => {
      const state = await readProviderState(deps.db, provider);
      const where = { teamId: provider.teamId, providerId: provider.id, reason };
      if (!state?.configuredBy) {
        log.warn(where, 'provider needs re-authorization; no admin recorded to tell (added with the CLI)');
        return;
      }
      const message = buildReauthNoticeMessage({ providerName: provider.name, reason });
      await client.chat.postMessage({ channel: state.configuredBy, text: message.text, blocks: message.blocks });
      log.info({ ...where, userId: state.configuredBy }, 'told the admin that the provider needs re-authorization');
    })().catch((err: unknown) => log.error({ err, teamId: provider.teamId }, 'could not tell the admin'));
    deps.track?.(work);
  };
}
