import type { Provider, QuotaReading } from '../quota/types.js';
import { buildAlertMessage } from '../slack/blocks/alert-message.js';
import { type AlertState, advanceAlertState, findAlertState, loadAlertState } from '../store/alert-states.js';
import { pauseAlert } from '../store/alerts.js';
import { claimDelivery, findDelivery, recordSkipped } from '../store/deliveries.js';
import { quotaMonthKey, quotaMonthStart, thresholdReached } from './alert-rule.js';
import type { DeliveryJob, RunContext } from './run-context.js';
import type { QuotaAlert } from './types.js';

const NEVER = new Date(0);

/**
 * Evaluates the team's alerts against each provider's newest reading and claims the firings to post. A firing is
 * keyed by provider, quota month and crossing, so each drop to the threshold fires once across processes; a reading
 * above the threshold after a firing re-arms the alert (the next crossing), and a new quota month re-arms it too.
 */
export async function alertJobs(
  ctx: RunContext,
  alerts: readonly QuotaAlert[],
  providers: readonly Provider[],
  readings: ReadonlyMap<string, QuotaReading>,
): Promise<DeliveryJob[]> {
  const jobs: DeliveryJob[] = [];
  for (const alert of alerts) {
    for (const provider of providers) {
      if (ctx.stopping()) return jobs;
      const reading = readings.get(provider.id);
      if (reading === undefined) continue;
      try {
        const job = await evaluate(ctx, alert, provider, reading);
        if (job) jobs.push(job);
      } catch (err) {
        ctx.logger.error(
          { err, teamId: alert.teamId, alertId: alert.id, providerId: provider.id },
          'could not evaluate an alert',
        );
      }
    }
  }
  return jobs;
}

async function evaluate(
  ctx: RunContext,
  alert: QuotaAlert,
  provider: Provider,
  reading: QuotaReading,
): Promise<DeliveryJob | null> {
  const teamId = alert.teamId;
  const month = quotaMonthKey(reading.checkedAt, ctx.quotaTimeZone);
  let state = await currentState(ctx, alert, provider, month);
  if (state === null || state.monthKey > month) return null; // removed meanwhile, or a reading older than the state
  if (state.monthKey < month) {
    // The month reset re-arms the alert: any reading of the new month may fire its first crossing.
    const next = {
      monthKey: month,
      crossing: 0,
      armedAt: new Date(quotaMonthStart(month, ctx.quotaTimeZone).getTime() - 1),
    };
    if (ctx.dryRun) state = { ...state, ...next };
    else {
      await advanceAlertState(ctx.db, teamId, state, { ...next, now: ctx.clock() });
      state = await currentState(ctx, alert, provider, month);
      if (state === null || state.monthKey !== month) return null;
    }
  }
  if (reading.checkedAt.getTime() <= state.armedAt.getTime()) return null; // older than what re-armed it
  const key = {
    kind: 'alert' as const,
    teamId,
    targetId: alert.id,
    periodKey: `${provider.id}:${month}:${state.crossing}`,
  };

  if (!thresholdReached(alert.threshold, reading)) {
    const fired = await findDelivery(ctx.db, key);
    if (fired === null || fired.status === 'claimed' || ctx.dryRun) return null;
    if (fired.status === 'retry') {
      const detail = 'audits left rose above the threshold before the alert could be posted';
      await recordSkipped(ctx.db, {
        ...key,
        channelId: alert.channelId,
        scheduledFor: reading.checkedAt,
        now: ctx.clock(),
        leaseMs: ctx.options.leaseMs,
        detail,
      });
    }
    await advanceAlertState(ctx.db, teamId, state, {
      monthKey: month,
      crossing: state.crossing + 1,
      armedAt: reading.checkedAt,
      now: ctx.clock(),
    });
    return null;
  }

  let attempts = 0;
  if (ctx.dryRun) {
    if ((await findDelivery(ctx.db, key)) !== null) return null;
  } else {
    const claim = await claimDelivery(ctx.db, {
      ...key,
      channelId: alert.channelId,
      scheduledFor: reading.checkedAt,
      now: ctx.clock(),
      leaseMs: ctx.options.leaseMs,
      claimToken: ctx.claimToken,
    });
    if (!claim.claimed) return null;
    attempts = claim.attempts;
  }
  return {
    ...key,
    channelId: alert.channelId,
    attempts,
    message: buildAlertMessage({
      providerName: provider.name,
      reading,
      threshold: alert.threshold,
      now: ctx.at,
      quotaTimeZone: ctx.quotaTimeZone,
      locale: await ctx.workspaceLocale(teamId),
    }),
    notifyUserId: alert.setBy,
    pause: (reason) => pauseAlert(ctx.db, teamId, alert.id, reason, ctx.clock()),
    settled: async () => {},
  };
}

async function currentState(
  ctx: RunContext,
  alert: QuotaAlert,
  provider: Provider,
  month: string,
): Promise<AlertState | null> {
  const key = { teamId: alert.teamId, alertId: alert.id, providerId: provider.id };
  if (ctx.dryRun)
    return (await findAlertState(ctx.db, key)) ?? { id: '', monthKey: month, crossing: 0, armedAt: NEVER };
  return loadAlertState(ctx.db, { ...key, monthKey: month, armedAt: NEVER, now: ctx.clock() });
}
