import type { QuotaOutcome } from '../quota/quota-service.js';
import type { Provider, QuotaReading } from '../quota/types.js';
import { latestReadings } from '../store/snapshot-history.js';
import type { RunContext } from './run-context.js';

/**
 * Each provider's quota as of the run: read through the quota service (one WeChat call per provider per run; the
 * service stores the snapshot). A dry run calls nothing and stores nothing: it shows the newest stored reading.
 */
export async function readQuotas(
  ctx: RunContext,
  teamId: string,
  providers: readonly Provider[],
): Promise<QuotaOutcome[]> {
  if (!ctx.dryRun) return ctx.quota.readAll(providers);
  const stored = await latestReadings(ctx.db, teamId, ctx.at);
  return providers.map((provider): QuotaOutcome => {
    const reading = stored.get(provider.id);
    return reading
      ? { provider, ok: true, reading, fromCache: true }
      : { provider, ok: false, error: new Error('dry run: no stored reading of this provider yet') };
  });
}

/**
 * The newest reading of each provider for evaluating alerts: `fresh` ones from this run's digests, else the newest
 * stored reading, polling WeChat (through the service) only when that is older than the poll interval: alerts are
 * evaluated every tick, but WeChat is asked at most about every 15 minutes per provider.
 */
export async function readingsForAlerts(
  ctx: RunContext,
  teamId: string,
  providers: readonly Provider[],
  fresh: ReadonlyMap<string, QuotaReading>,
): Promise<Map<string, QuotaReading>> {
  const readings = new Map(fresh);
  const missing = providers.filter((p) => !readings.has(p.id));
  if (missing.length === 0) return readings;
  const stored = await latestReadings(ctx.db, teamId, ctx.at);
  const stale: Provider[] = [];
  for (const provider of missing) {
    const reading = stored.get(provider.id);
    if (reading) readings.set(provider.id, reading);
    if (!reading || ctx.at.getTime() - reading.checkedAt.getTime() > ctx.options.alertPollMs) stale.push(provider);
  }
  if (stale.length > 0 && !ctx.dryRun) {
    for (const outcome of await ctx.quota.readAll(stale)) {
      if (outcome.ok) readings.set(outcome.provider.id, outcome.reading);
      else ctx.logger.warn({ teamId, providerId: outcome.provider.id, err: outcome.error }, 'alert poll failed');
    }
  }
  return readings;
}
