import { describeThreshold } from '../../digest/alert-rule.js';
import type { AlertThreshold } from '../../digest/types.js';
import type { QuotaReading } from '../../quota/types.js';
import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { formatCount, quotaBar, resetDay } from './quota-format.js';
import { displayName, escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

export interface AlertMessageInput {
  readonly providerName: string;
  readonly reading: QuotaReading;
  readonly threshold: AlertThreshold;
  readonly now: Date;
  readonly quotaTimeZone: string;
}

/** The low-quota warning posted once when a provider's audits left fall to the channel's threshold. */
export function buildAlertMessage(input: AlertMessageInput): SlackMessage {
  const { reading } = input;
  const name = escapeMrkdwn(displayName(input.providerName, 80), 400);
  const numbers = `${formatCount(reading.rest)} of ${formatCount(reading.limit)}`;
  const reset = resetDay(input.now, input.quotaTimeZone);
  const exhausted = reading.rest <= 0;
  const headline = exhausted
    ? `:no_entry: *${name}* has no audits left (${numbers}).`
    : `:warning: *${name}* is down to *${numbers}* audits left.`;
  const consequence = exhausted
    ? `Submitting code for audit fails with errcode 85085 until the quota resets (${reset}, assumed).`
    : `The quota resets ${reset} (assumed). Expedited audits left: ${formatCount(reading.speedupRest)} of ${formatCount(reading.speedupLimit)}.`;
  return {
    text: `${exhausted ? 'No audits left' : 'Low audit quota'}: ${name} has ${numbers} audits left (alert at ${describeThreshold(input.threshold)}).`,
    blocks: [
      mrkdwnSection(`${headline}\n${quotaBar(reading.rest, reading.limit)}\n${consequence}`),
      mrkdwnContext([
        `This channel is warned at ${describeThreshold(input.threshold)}, once per drop below it · ` +
          '`/quota alert off` turns it off',
      ]),
    ],
  };
}
