import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import { findAuthorizerProviders, markReauthRequired } from '../store/provider-state.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { ReauthNotifier } from './token-resolver.js';

/**
 * An `unauthorized` push: the mini program withdrew its authorization. Every provider of the authenticated
 * workspaces that refreshes tokens for that authorizer is marked, and whoever configured it is told once.
 */
export async function handleUnauthorized(
  deps: { db: Kysely<DatabaseSchema>; logger: Logger; notifyReauth: ReauthNotifier },
  input: { teams: Iterable<string>; componentAppId: string; authorizerAppId: string; now: Date },
): Promise<void> {
  for (const teamId of input.teams) {
    const providers = await findAuthorizerProviders(deps.db, { ...input, teamId });
    for (const provider of providers) {
      const marked = await markReauthRequired(deps.db, {
        teamId,
        providerId: provider.id,
        reason: 'unauthorized',
        now: input.now,
      });
      if (!marked) continue;
      deps.logger.warn({ teamId, providerId: provider.id }, 'mini program withdrew its authorization');
      deps.notifyReauth(provider, 'unauthorized');
    }
  }
}
