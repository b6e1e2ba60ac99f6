import type { Locale } from '../i18n/locale.js';
import { explainFailure } from '../quota/explain-failure.js';
import type { QuotaOutcome } from '../quota/quota-service.js';
import type { Provider, QuotaReading } from '../quota/types.js';
import { summarizeWeek, TREND_WEEKS } from '../quota/weekly-summary.js';
import { buildDigestMessage, type DigestEntry } from '../slack/blocks/digest-message.js';
import { claimDelivery, findDelivery, recordSkipped } from '../store/deliveries.js';
import { readingsBetween } from '../store/snapshot-history.js';
import { advanceSubscription, pauseSubscription } from '../store/subscriptions.js';
import type { DeliveryJob, RunContext } from './run-context.js';
import { planSlots } from './slot-plan.js';
import { type Subscription, TERMINAL_STATUSES } from './types.js';

const WEEK_MS = 7 * 86_400_000;

/** A digest slot this run holds the claim for (or, in a dry run, would post). */
export interface ClaimedDigest {
  readonly subscription: Subscription;
  readonly slot: Date;
  readonly key: string;
  readonly cursorAfter: Date;
  readonly attempts: number;
}

/**
 * Settles the too-late slots of the team's due subscriptions (recorded as skipped) and claims the slot to post now,
 * if any. A slot already settled elsewhere only moves the cursor on.
 */
export async function claimDueDigests(ctx: RunContext, due: readonly Subscription[]): Promise<ClaimedDigest[]> {
  const claimed: ClaimedDigest[] = [];
  for (const sub of due) {
    if (ctx.stopping()) break;
    const plan = planSlots(sub.schedule, sub.nextDueAt, ctx.at, ctx.options.catchUpMs);
    const base = { kind: 'digest' as const, teamId: sub.teamId, targetId: sub.id, channelId: sub.channelId };
    for (const skip of plan.skipped) {
      const detail = `more than ${Math.round(ctx.options.catchUpMs / 3_600_000)} h late`;
      if (!ctx.dryRun) {
        await recordSkipped(ctx.db, {
          ...base,
          periodKey: skip.key,
          scheduledFor: skip.slot,
          now: ctx.clock(),
          leaseMs: ctx.options.leaseMs,
          detail,
        });
      }
      ctx.report({ ...base, periodKey: skip.key, outcome: 'skipped', detail });
    }
    const advance = () => advanceSubscription(ctx.db, sub.teamId, sub.id, sub.nextDueAt, plan.cursorAfter);
    if (plan.deliver === null) {
      if (!ctx.dryRun) await advance();
      continue;
    }
    const { slot, key } = plan.deliver;
    if (ctx.dryRun) {
      const existing = await findDelivery(ctx.db, { ...base, periodKey: key });
      if (existing === null || !TERMINAL_STATUSES.includes(existing.status)) {
        claimed.push({ subscription: sub, slot, key, cursorAfter: plan.cursorAfter, attempts: 0 });
      }
      continue;
    }
    const claim = await claimDelivery(ctx.db, {
      ...base,
      periodKey: key,
      scheduledFor: slot,
      now: ctx.clock(),
      leaseMs: ctx.options.leaseMs,
      claimToken: ctx.claimToken,
    });
    if (claim.claimed)
      claimed.push({ subscription: sub, slot, key, cursorAfter: plan.cursorAfter, attempts: claim.attempts });
    else if (claim.status !== null && TERMINAL_STATUSES.includes(claim.status)) await advance();
  }
  return claimed;
}

/** The digest message of each claimed slot, from this run's readings and the stored history. */
export async function digestJobs(
  ctx: RunContext,
  claimed: readonly ClaimedDigest[],
  outcomes: readonly QuotaOutcome[],
): Promise<DeliveryJob[]> {
  const teamId = claimed[0]?.subscription.teamId;
  if (teamId === undefined) return [];
  const history = await readingsBetween(
    ctx.db,
    teamId,
    new Date(ctx.at.getTime() - (TREND_WEEKS + 1) * WEEK_MS),
    ctx.at,
  );
  const locale = await ctx.workspaceLocale(teamId);
  return claimed.map((digest) => {
    const { subscription: sub } = digest;
    const timeZone = sub.schedule.timeZone;
    const entries = outcomes.map((outcome) =>
      entryOf(outcome, history.get(outcome.provider.id) ?? [], timeZone, ctx, locale),
    );
    return {
      kind: 'digest',
      teamId,
      channelId: sub.channelId,
      targetId: sub.id,
      periodKey: digest.key,
      attempts: digest.attempts,
      message: buildDigestMessage({ entries, teamId, now: ctx.at, timeZone, quotaTimeZone: ctx.quotaTimeZone, locale }),
      notifyUserId: sub.subscribedBy,
      pause: (reason) => pauseSubscription(ctx.db, teamId, sub.id, reason, ctx.clock()),
      settled: async () => {
        await advanceSubscription(ctx.db, teamId, sub.id, sub.nextDueAt, digest.cursorAfter);
      },
    };
  });
}

function entryOf(
  outcome: QuotaOutcome,
  stored: readonly QuotaReading[],
  timeZone: string,
  ctx: RunContext,
  locale: Locale,
): DigestEntry {
  const provider: Provider = outcome.provider;
  if (!outcome.ok) {
    return {
      name: provider.name,
      ok: false,
      failure: explainFailure(outcome.error, { teamId: provider.teamId, providerName: provider.name, locale }),
    };
  }
  const current = outcome.reading;
  const history = stored.some((r) => r.checkedAt.getTime() === current.checkedAt.getTime())
    ? stored
    : [...stored, current].sort((a, b) => a.checkedAt.getTime() - b.checkedAt.getTime());
  // A reading taken a moment after `at` (the live tick) still belongs to this week.
  const now = new Date(Math.max(ctx.at.getTime(), current.checkedAt.getTime()));
  const week = summarizeWeek({ history, current, now, timeZone, quotaTimeZone: ctx.quotaTimeZone });
  return { name: provider.name, ok: true, reading: current, week };
}
