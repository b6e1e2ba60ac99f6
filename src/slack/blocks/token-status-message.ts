import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import type { TokenStatus } from '../../tokens/provider-status.js';
import { BLOCK_KIT_LIMITS, headerBlock, mrkdwnContext, mrkdwnSection } from './limits.js';
import { slackDate } from './quota-format.js';
import { displayName, escapeMrkdwn } from './text.js';
import type { SlackMessage } from './types.js';

const ICON = { ok: ':large_green_circle:', attention: ':large_orange_circle:', broken: ':red_circle:' } as const;
const NAME_LENGTH = 60;
/** Header, intro and the "more" line leave this many sections for providers. */
const MAX_SHOWN = BLOCK_KIT_LIMITS.blocksPerMessage - 4;
/** Text outside the provider sections: fallback, header, "more" line and context. */
const TEXT_RESERVE = 400;

/** A provider's token health in one sentence, in `locale` (the English `summary` when the status has no note). */
export function tokenSummaryText(status: TokenStatus, locale: Locale = DEFAULT_LOCALE): string {
  const t = messagesFor(locale).tokens;
  const note = status.note;
  if (note === undefined) return status.summary;
  switch (note.kind) {
    case 'static-no-expiry':
      return t.noteStaticNoExpiry;
    case 'static-expired':
      return t.noteStaticExpired;
    case 'static-valid':
      return t.noteStaticValid;
    case 'refresh-failed':
      return t.noteRefreshFailed({ failure: note.failure ?? t.unknownReason });
    case 'refreshed':
      return t.noteRefreshed({ by: note.by === 'central' ? t.byCentral : t.byBot });
    case 'not-fetched':
      return t.noteNotFetched({ by: note.by === 'central' ? t.byCentral : t.byBot });
    case 'reauth': {
      const why = {
        refresh_token_invalid: t.whyRefreshTokenInvalid,
        deauthorized: t.whyDeauthorized,
        unauthorized: t.whyUnauthorized,
      } as const;
      return t.noteReauth({ why: (note.reason !== null ? why[note.reason] : undefined) ?? t.whyRefused });
    }
    case 'ticket-waiting':
      return t.noteTicketWaiting;
    case 'ticket-expired':
      return t.noteTicketExpired;
    case 'component-failed':
      return t.noteComponentFailed({ failure: note.failure ?? t.unknownReason });
  }
}

/** `/quota status`: per provider its token source, health, expiry, last refresh and last ticket. No secret. */
export function buildTokenStatusMessage(input: {
  statuses: TokenStatus[];
  timeZone: string;
  locale?: Locale;
}): SlackMessage {
  const { statuses, timeZone } = input;
  const locale = input.locale ?? DEFAULT_LOCALE;
  const t = messagesFor(locale).tokens;
  if (statuses.length === 0) return { text: t.noProvidersText, blocks: [mrkdwnSection(t.noProviders)] };
  const sourceWords = { static: t.sourceStatic, central: t.sourceCentral, component: t.sourceComponent } as const;
  const broken = statuses.filter((s) => s.health === 'broken').length;
  const when = (at: Date | null, none: string) => (at ? slackDate(at, timeZone, locale) : none);
  const all = statuses.slice(0, MAX_SHOWN).map((status) => {
    const name = escapeMrkdwn(displayName(status.provider.name, NAME_LENGTH));
    const source = status.provider.tokenSource;
    const facts = [
      t.tokenExpires({ when: when(status.tokenExpiresAt, t.unknown) }),
      ...(source === 'static' ? [] : [t.lastRefresh({ when: when(status.lastRefreshAt, t.never) })]),
      ...(source === 'component' ? [t.lastTicket({ when: when(status.lastTicketAt, t.never) })] : []),
    ];
    return mrkdwnSection(
      `${ICON[status.health]} *${name}* — ${sourceWords[source] ?? source}\n` +
        `${escapeMrkdwn(tokenSummaryText(status, locale), 400)}\n_${facts.join(' · ')}_`,
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
  const summary = broken === 0 ? t.allUsable : t.needAttention({ broken, total: statuses.length });
  return {
    text: t.statusText({ count: statuses.length, summary }),
    blocks: [
      headerBlock(t.statusHeader),
      ...sections,
      ...(hidden > 0 ? [mrkdwnSection(t.andMore({ hidden }))] : []),
      mrkdwnContext([t.statusContext]),
    ],
  };
}
