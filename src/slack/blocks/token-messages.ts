import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import type { FailureExplanation } from '../../quota/explain-failure.js';
import type { QuotaReading } from '../../quota/types.js';
import type { ReauthReason } from '../../tokens/errors.js';
import { mrkdwnContext, mrkdwnSection } from './limits.js';
import { formatCount } from './quota-format.js';
import { displayName, escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

const NAME_LENGTH = 80;

/** The DM after `/quota setup` saved a provider: the first check's numbers, or why it failed and what to do. */
export function buildSetupResultMessage(input: {
  providerName: string;
  replaced: boolean;
  outcome: { ok: true; reading: QuotaReading } | { ok: false; failure: FailureExplanation };
  /** The admin's language. */
  locale?: Locale;
}): SlackMessage {
  const t = messagesFor(input.locale ?? DEFAULT_LOCALE).tokens;
  const name = escapeMrkdwn(displayName(input.providerName, NAME_LENGTH));
  const saved = input.replaced ? t.updated({ name }) : t.added({ name });
  if (input.outcome.ok) {
    const { reading } = input.outcome;
    const numbers = t.checkNumbers({
      rest: formatCount(reading.rest),
      limit: formatCount(reading.limit),
      speedupRest: formatCount(reading.speedupRest),
      speedupLimit: formatCount(reading.speedupLimit),
    });
    return {
      text: t.checkWorkedText({ saved, numbers }),
      blocks: [mrkdwnSection(t.checkWorked({ saved, numbers })), mrkdwnContext([t.checkWorkedContext])],
    };
  }
  const { failure } = input.outcome;
  const headline = escapeMrkdwn(failure.headline, 200);
  const action = escapeMrkdwn(failure.action, 1000);
  return {
    text: t.checkFailedText({ saved, headline, action }),
    blocks: [
      mrkdwnSection(t.checkFailed({ saved, headline, detail: escapeMrkdwn(failure.detail, 1500), action })),
      mrkdwnContext([t.checkFailedContext({ code: escapeMrkdwn(failure.code, 60) })]),
    ],
  };
}

type Words = ReturnType<typeof messagesFor>['tokens'];
const REAUTH_WHY: Readonly<Record<ReauthReason, (t: Words) => string>> = {
  refresh_token_invalid: (t) => t.reauthRefreshTokenInvalid,
  deauthorized: (t) => t.reauthDeauthorized,
  unauthorized: (t) => t.reauthUnauthorized,
};

/** The DM to whoever configured a provider that now needs re-authorization. */
export function buildReauthNoticeMessage(input: {
  providerName: string;
  reason: ReauthReason;
  locale?: Locale;
}): SlackMessage {
  const t = messagesFor(input.locale ?? DEFAULT_LOCALE).tokens;
  const name = escapeMrkdwn(displayName(input.providerName, NAME_LENGTH));
  const why = (Object.hasOwn(REAUTH_WHY, input.reason) ? REAUTH_WHY[input.reason] : REAUTH_WHY.deauthorized)(t);
  const action = t.reauthAction({ name });
  const title = t.reauthTitle({ name });
  return {
    text: `${title} ${why} ${action}`,
    blocks: [mrkdwnSection(`:rotating_light: *${title}*\n${why}\n${action}`)],
  };
}
