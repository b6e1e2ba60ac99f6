import { webApi } from '@slack/bolt';
import type { Kysely } from 'kysely';
import { DEFAULT_LOCALE } from '../i18n/locale.js';
import { boltLoggerFrom, type Logger } from '../logging/logger.js';
import { readProviderState } from '../store/provider-state.js';
import type { DatabaseSchema } from '../store/schema.js';
import { getWorkspaceSettings } from '../store/workspace-settings.js';
import type { ReauthNotifier } from '../tokens/token-resolver.js';
import { buildReauthNoticeMessage } from './blocks/token-messages.js';
import type { BotTokenFor } from './installations/bot-tokens.js';

/**
 * Tells whoever last configured the provider through `/quota setup` (a DM) that it needs re-authorization; when
 * nobody is known (it was added with the CLI), the warning stays in the log. Fire-and-forget: never throws.
 */
export function createReauthNotifier(deps: {
  db: Kysely<DatabaseSchema>;
  /** The provider's workspace's bot token (the env token in single-workspace mode); null: not installed there. */
  botTokenFor: BotTokenFor;
  slackApiUrl: string | null;
  logger: Logger;
  track?: (work: Promise<unknown>) => void;
}): ReauthNotifier {
  const log = deps.logger.child({ component: 'reauth-notifier' });
  const clientOptions = { ...(deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {}), logger: boltLoggerFrom(log) };
  return (provider, reason) => {
    const work = (async () => {
      const state = await readProviderState(deps.db, provider);
      const where = { teamId: provider.teamId, providerId: provider.id, reason };
      if (!state?.configuredBy) {
        log.warn(where, 'provider needs re-authorization; no admin recorded to tell (added with the CLI)');
        return;
      }
      const token = await deps.botTokenFor(provider.teamId);
      if (token === null) {
        log.warn(where, 'provider needs re-authorization; the bot is not installed in its workspace to tell anyone');
        return;
      }
      // The DM's reader is one admin, but the notifier runs outside any request: the workspace's language it is.
      const settings = await getWorkspaceSettings(deps.db, provider.teamId).catch(() => null);
      const locale = settings?.language ?? DEFAULT_LOCALE;
      const message = buildReauthNoticeMessage({ providerName: provider.name, reason, locale });
      // Notices are rare: a client per notice costs less than keeping one per workspace.
      const client = new webApi.WebClient(token, clientOptions);
      await client.chat.postMessage({ channel: state.configuredBy, text: message.text, blocks: message.blocks });
      log.info({ ...where, userId: state.configuredBy }, 'told the admin that the provider needs re-authorization');
    })().catch((err: unknown) => log.error({ err, teamId: provider.teamId }, 'could not tell the admin'));
    deps.track?.(work);
  };
}
