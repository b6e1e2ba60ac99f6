import type { Kysely } from 'kysely';
import type { QuotaAlert, Subscription } from '../../digest/types.js';
import type { Logger } from '../../logging/logger.js';
import type { QuotaService } from '../../quota/quota-service.js';
import type { Provider, QuotaReading } from '../../quota/types.js';
import { listAlerts } from '../../store/alerts.js';
import type { DatabaseSchema } from '../../store/schema.js';
import { listSnapshots } from '../../store/snapshots.js';
import { listSubscriptions } from '../../store/subscriptions.js';
import { describeTokenStatus, type TokenStatus } from '../../tokens/provider-status.js';
import { HOME_MAX_PROVIDERS } from '../blocks/home-view.js';

/** What the Home shows without asking WeChat: stored readings, token health, digests and alerts. */
export interface HomeFacts {
  /** The providers shown (at most HOME_MAX_PROVIDERS), in `/quota` order. */
  readonly shown: readonly Provider[];
  /** How many more the workspace has. */
  readonly hidden: number;
  /** Each shown provider's newest stored reading, by provider id. */
  readonly lastKnown: ReadonlyMap<string, QuotaReading>;
  readonly tokens: ReadonlyMap<string, TokenStatus>;
  readonly subscriptions: readonly Subscription[];
  readonly alerts: readonly QuotaAlert[];
}

/**
 * Reads one workspace's facts for its Home; every query is scoped to `teamId`. Token health is a nicety: when it
 * cannot be read the Home still shows the quota.
 */
export async function loadHomeFacts(
  deps: { db: Kysely<DatabaseSchema>; quota: QuotaService; clock: () => Date; logger: Logger },
  teamId: string,
): Promise<HomeFacts> {
  const [providers, tokens, subscriptions, alerts] = await Promise.all([
    deps.quota.providers(teamId),
    describeTokenStatus(deps.db, teamId, deps.clock()).catch((err: unknown) => {
      deps.logger.warn({ err, teamId }, 'could not read token health for the App Home');
      return [] as TokenStatus[];
    }),
    listSubscriptions(deps.db, teamId),
    listAlerts(deps.db, teamId),
  ]);
  const shown = providers.slice(0, HOME_MAX_PROVIDERS);
  const lastKnown = new Map<string, QuotaReading>();
  await Promise.all(
    shown.map(async (provider) => {
      const [newest] = await listSnapshots(deps.db, teamId, provider.id, { limit: 1 });
      if (newest) lastKnown.set(provider.id, newest);
    }),
  );
  return {
    shown,
    hidden: providers.length - shown.length,
    lastKnown,
    tokens: new Map(tokens.map((status) => [status.provider.id, status])),
    subscriptions,
    alerts,
  };
}
