import { buildPausedMessage } from '../slack/blocks/paused-message.js';
import { type DeliveryOutcome, finishDelivery } from '../store/deliveries.js';
import { mapConcurrently } from './limiter.js';
import type { DeliveryJob, RunContext } from './run-context.js';

const MINUTE_MS = 60_000;
/** Retry backoff after a transient failure: 1, 2, 4, 8… minutes, at most 30. */
const retryDelayMs = (attempts: number) => Math.min(30, 2 ** Math.max(0, attempts - 1)) * MINUTE_MS;

/**
 * Posts the jobs of one workspace: channels in parallel (the poster bounds how many posts are in flight and paces
 * each channel), a channel's own jobs in order. Each outcome is written to the ledger right after its post, so a
 * crash can repeat at most the one message in flight.
 */
export async function deliverJobs(ctx: RunContext, jobs: readonly DeliveryJob[]): Promise<void> {
  const byChannel = new Map<string, DeliveryJob[]>();
  for (const job of jobs) byChannel.set(job.channelId, [...(byChannel.get(job.channelId) ?? []), job]);
  await mapConcurrently([...byChannel.values()], byChannel.size, async (channelJobs) => {
    for (const job of channelJobs) await deliverOne(ctx, job);
  });
}

async function deliverOne(ctx: RunContext, job: DeliveryJob): Promise<void> {
  const base = { kind: job.kind, teamId: job.teamId, channelId: job.channelId, periodKey: job.periodKey };
  if (ctx.dryRun) {
    ctx.report({ ...base, outcome: 'would-post', text: job.message.text });
    return;
  }
  const result = await ctx.poster.post(job.teamId, job.channelId, job.message);
  const finish = (outcome: DeliveryOutcome) =>
    finishDelivery(ctx.db, { ...job, claimToken: ctx.claimToken, now: ctx.clock() }, outcome).then((ours) => {
      // Not ours any more: our lease ran out mid-post and another process took the slot over.
      if (!ours) ctx.logger.warn({ ...base }, 'delivery claim was taken over before it finished');
    });
  try {
    if (result.ok) {
      await finish({ status: 'delivered', messageTs: result.ts });
      await job.settled();
      ctx.report({ ...base, outcome: 'posted', text: job.message.text });
      return;
    }
    ctx.logger.warn({ ...base, error: result.error, reason: result.reason, attempts: job.attempts }, 'post failed');
    if (result.reason === 'channel') {
      await finish({ status: 'failed', detail: result.error });
      if ((await job.pause(result.error)) && job.notifyUserId !== null) {
        await ctx.poster.notify(
          job.teamId,
          job.notifyUserId,
          buildPausedMessage({
            what: job.kind,
            channelId: job.channelId,
            error: result.error,
            locale: await ctx.workspaceLocale(job.teamId),
          }),
        );
      }
      ctx.report({ ...base, outcome: 'paused', detail: result.error });
    } else if (result.reason === 'permanent' || job.attempts >= ctx.options.maxAttempts) {
      await finish({ status: 'failed', detail: result.error });
      await job.settled();
      ctx.report({ ...base, outcome: 'failed', detail: result.error });
    } else {
      const retryAt = new Date(ctx.clock().getTime() + retryDelayMs(job.attempts));
      await finish({ status: 'retry', retryAt, detail: result.error });
      ctx.report({ ...base, outcome: 'retry', detail: `${result.error}; retrying after ${retryAt.toISOString()}` });
    }
  } catch (err) {
    // The ledger write failed: the claim stays, and another tick takes it over after the lease.
    ctx.logger.error({ err, ...base }, 'could not record a delivery outcome');
  }
}
