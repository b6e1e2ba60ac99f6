import type { Quota } from './types.js';

/** How urgent a provider's audit quota is. */
export type QuotaLevel = 'exhausted' | 'low' | 'ok';

/** Audits left at or below which the quota is "low", whatever the limit (one bad week burns three audits). */
export const LOW_AUDITS_LEFT = 3;
/** Share of the monthly limit at or below which the quota is "low". */
export const LOW_AUDITS_FRACTION = 0.2;

/**
 * The audit quota's level. Exhausted: no audit left (`rest` ≤ 0), code submissions fail with errcode 85085.
 * Low: `rest` ≤ 3, or `rest` ≤ 20% of `limit` (e.g. ≤ 5 of 27). Otherwise ok. A non-finite `rest` counts as ok
 * rather than raising a false alarm; the numbers shown make the oddity visible.
 */
export function auditLevel(quota: Quota): QuotaLevel {
  const { rest, limit } = quota;
  if (!Number.isFinite(rest)) return 'ok';
  if (rest <= 0) return 'exhausted';
  if (rest <= LOW_AUDITS_LEFT) return 'low';
  if (Number.isFinite(limit) && limit > 0 && rest <= limit * LOW_AUDITS_FRACTION) return 'low';
  return 'ok';
}

/**
 * True when expedited audits were allocated this month and are all used: expediting fails with errcode 89405.
 * A month with no allocation at all (0 of 0, the common case) is not a warning: there was nothing to use up.
 */
export function expeditedExhausted(quota: Quota): boolean {
  return Number.isFinite(quota.speedupLimit) && quota.speedupLimit > 0 && quota.speedupRest <= 0;
}
