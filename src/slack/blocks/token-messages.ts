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
}): SlackMessage {
  const name = escapeMrkdwn(displayName(input.providerName, NAME_LENGTH));
  const saved = `${input.replaced ? 'Updated' : 'Added'} provider “${name}”.`;
  if (input.outcome.ok) {
    const { reading } = input.outcome;
    const numbers =
      `${formatCount(reading.rest)} of ${formatCount(reading.limit)} audits left, ` +
      `${formatCount(reading.speedupRest)} of ${formatCount(reading.speedupLimit)} expedited`;
    return {
      text: `${saved} The check worked: ${numbers}.`,
      blocks: [
        mrkdwnSection(`:white_check_mark: ${saved} I checked WeChat with it: *${numbers}*.`),
        mrkdwnContext(['Anyone can now see it with `/quota`; `/quota status` shows its token health.']),
      ],
    };
  }
  const { failure } = input.outcome;
  return {
    text: `${saved} The first check failed: ${escapeMrkdwn(failure.headline, 200)}. ${escapeMrkdwn(failure.action, 1000)}`,
    blocks: [
      mrkdwnSection(
        `:warning: ${saved} The first check failed: *${escapeMrkdwn(failure.headline, 200)}*\n` +
          `${escapeMrkdwn(failure.detail, 1500)}\n*What to do:* ${escapeMrkdwn(failure.action, 1000)}`,
      ),
      mrkdwnContext([`code \`${escapeMrkdwn(failure.code, 60)}\` · the credentials are saved; fix and save again`]),
    ],
  };
}

const REAUTH_WHY: Readonly<Record<ReauthReason, string>> = {
  refresh_token_invalid: 'WeChat says its authorizer refresh token is no longer valid (errcode 61023).',
  deauthorized: 'WeChat says the mini program de-authorized the provider (errcode 61003).',
  unauthorized: 'WeChat notified me that the mini program withdrew its authorization.',
};

/** The DM to whoever configured a provider that now needs re-authorization. */
export function buildReauthNoticeMessage(input: { providerName: string; reason: ReauthReason }): SlackMessage {
  const name = escapeMrkdwn(displayName(input.providerName, NAME_LENGTH));
  const why = REAUTH_WHY[input.reason] ?? REAUTH_WHY.deauthorized;
  const action =
    'The mini program’s admin authorizes the provider again in WeChat; then store the new authorizer refresh ' +
    `token with \`/quota setup ${name}\`. I stopped refreshing its token until then.`;
  return {
    text: `WeChat provider “${name}” needs to be authorized again. ${why} ${action}`,
    blocks: [
      mrkdwnSection(`:rotating_light: *WeChat provider “${name}” needs to be authorized again.*\n${why}\n${action}`),
    ],
  };
}
