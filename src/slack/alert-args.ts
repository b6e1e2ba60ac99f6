import type { AlertThreshold } from '../digest/types.js';
import { type ChannelRef, describeChannelToken, parseChannelRef } from './channel-ref.js';

/** What `/quota alert …` asked for, or a problem in words. */
export type AlertArgs =
  | {
      readonly ok: true;
      readonly action: 'set';
      readonly threshold: AlertThreshold;
      readonly channel: ChannelRef | null;
    }
  | { readonly ok: true; readonly action: 'off'; readonly channel: ChannelRef | null }
  | { readonly ok: false; readonly problem: string };

/** The largest count accepted: far above any monthly audit limit WeChat grants. */
export const MAX_ALERT_COUNT = 10_000;
const HOW =
  'Say `/quota alert 5` (5 audits left), `/quota alert 20%` (20% of the month’s limit) or `/quota alert off`.';

/** Parses `N|N%|off [#channel]`: N a whole number 0–10000, N% a whole percentage 1–99. */
export function parseAlertArgs(args: string): AlertArgs {
  const [first, second, ...rest] = args.split(' ').filter((t) => t !== '');
  if (first === undefined) return { ok: false, problem: `Tell me when to warn. ${HOW}` };
  let channel: ChannelRef | null = null;
  if (second !== undefined) {
    channel = parseChannelRef(second);
    if (channel === null) {
      return {
        ok: false,
        problem: `“${describeChannelToken(second)}” is not a channel. Name one like #mini-program-ops.`,
      };
    }
  }
  if (rest.length > 0)
    return { ok: false, problem: `I didn't expect “${describeChannelToken(rest.join(' '))}”. ${HOW}` };
  if (/^(off|none|stop|disable)$/i.test(first)) return { ok: true, action: 'off', channel };
  const threshold = parseThreshold(first);
  return 'problem' in threshold
    ? { ok: false, problem: threshold.problem }
    : { ok: true, action: 'set', threshold, channel };
}

function parseThreshold(token: string): AlertThreshold | { problem: string } {
  const shown = describeChannelToken(token);
  const match = /^([+-]?\d+(?:[.,]\d+)?)(%?)$/.exec(token);
  if (!match) return { problem: `“${shown}” is not a number of audits or a percentage. ${HOW}` };
  const value = Number((match[1] as string).replace(',', '.'));
  const percent = match[2] === '%';
  if (!Number.isInteger(value)) return { problem: `Use a whole number, not “${shown}”. ${HOW}` };
  if (percent) {
    if (value < 1 || value > 99) {
      return { problem: `A percentage must be from 1% to 99% of the month’s limit, not ${value}%.` };
    }
    return { unit: 'percent', value };
  }
  if (value < 0)
    return { problem: `Audits left cannot be negative (“${shown}”). Use 0 to be warned when none are left.` };
  if (value > MAX_ALERT_COUNT)
    return { problem: `${value} is more audits than any monthly limit; use at most ${MAX_ALERT_COUNT}.` };
  return { unit: 'count', value };
}
