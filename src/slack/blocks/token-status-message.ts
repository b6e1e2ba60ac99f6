import type { TokenStatus } from '../../tokens/provider-status.js';
import { BLOCK_KIT_LIMITS, headerBlock, mrkdwnContext, mrkdwnSection } from './limits.js';
import { slackDate } from './quota-format.js';
import { displayName, escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

const SOURCE_WORDS = {
  static: 'pasted token',
  central: 'central token server',
  component: 'refreshed by the bot',
} as const;
const ICON = { ok: ':large_green_circle:', attention: ':large_orange_circle:', broken: ':red_circle:' } as const;
const NAME_LENGTH = 60;
/** Header, intro and the "more" line leave this many sections for providers. */
const MAX_SHOWN = BLOCK_KIT_LIMITS.blocksPerMessage - 4;
/** Text outside the provider sections: fallback, header, "more" line and context. */
const TEXT_RESERVE = 400;

/** `/quota status`: per provider its token source, health, expiry, last refresh and last ticket. No secret. */
export function buildTokenStatusMessage(input: { statuses: TokenStatus[]; timeZone: string }): SlackMessage {
  const { statuses, timeZone } = input;
  if (statuses.length === 0) {
    return {
      text: 'No WeChat providers are set up for this workspace yet. An admin adds one with /quota setup.',
      blocks: [
        mrkdwnSection('No WeChat providers are set up for this workspace yet. An admin adds one with `/quota setup`.'),
      ],
    };
  }
  const broken = statuses.filter((s) => s.health === 'broken').length;
  const when = (at: Date | null, none: string) => (at ? slackDate(at, timeZone) : none);
  const all = statuses.slice(0, MAX_SHOWN).map((status) => {
    const name = escapeMrkdwn(displayName(status.provider.name, NAME_LENGTH));
    const facts = [
      `token expires ${when(status.tokenExpiresAt, 'unknown')}`,
      ...(status.provider.tokenSource === 'static' ? [] : [`last refresh ${when(status.lastRefreshAt, 'never')}`]),
      ...(status.provider.tokenSource === 'component' ? [`last ticket ${when(status.lastTicketAt, 'never')}`] : []),
    ];
    return mrkdwnSection(
      `${ICON[status.health]} *${name}* — ${SOURCE_WORDS[status.provider.tokenSource]}\n` +
        `${escapeMrkdwn(status.summary, 400)}\n_${facts.join(' · ')}_`,
    );
  });
  // Many providers with long names or summaries would pass the message's total text budget: stop before it.
  const sections: typeof all = [];
  let used = TEXT_RESERVE;
  for (const section of all) {
    used += section.text?.text.length ?? 0;
    if (used > BLOCK_KIT_LIMITS.messageText) break;
    sections.push(section);
  }
  const hidden = statuses.length - sections.length;
  const summary = broken === 0 ? 'every token is usable' : `${broken} of ${statuses.length} need attention`;
  return {
    text: `Token status of ${statuses.length} WeChat ${statuses.length === 1 ? 'provider' : 'providers'}: ${summary}.`,
    blocks: [
      headerBlock('WeChat token status'),
      ...sections,
      ...(hidden > 0 ? [mrkdwnSection(`…and ${hidden} more.`)] : []),
      mrkdwnContext(['Admins change a provider with `/quota setup NAME`; secrets are never shown here.']),
    ],
  };
}
