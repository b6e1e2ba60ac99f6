import type { AlertThreshold } from '../../digest/types.js';
import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import type { QuotaReading } from '../../quota/types.js';
import { thresholdText } from './digest-format.js';
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
  /** The workspace's language (a channel post). */
  readonly locale?: Locale;
}

/** The low-quota warning posted once when a provider's audits left fall to the channel's threshold. */
export function buildAlertMessage(input: AlertMessageInput): SlackMessage {
  const locale = input.locale ?? DEFAULT_LOCALE;
  const t = messagesFor(locale).digest;
  const { reading } = input;
  const name = escapeMrkdwn(displayName(input.providerName, 80), 400);
  const numbers = t.alertNumbers({ rest: formatCount(reading.rest), limit: formatCount(reading.limit) });
  const reset = resetDay(input.now, input.quotaTimeZone, locale);
  const threshold = thresholdText(input.threshold, t);
  const exhausted = reading.rest <= 0;
  const headline = exhausted ? t.alertExhausted({ name, numbers }) : t.alertLow({ name, numbers });
  const consequence = exhausted
    ? t.alertExhaustedConsequence({ reset })
    : t.alertLowConsequence({
        reset,
        speedupRest: formatCount(reading.speedupRest),
        speedupLimit: formatCount(reading.speedupLimit),
      });
  return {
    text: t.alertText({ exhausted, name, numbers, threshold }),
    blocks: [
      mrkdwnSection(`${headline}\n${quotaBar(reading.rest, reading.limit)}\n${consequence}`),
      mrkdwnContext([t.alertContext({ threshold })]),
    ],
  };
}
