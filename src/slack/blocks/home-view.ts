import type { ActionsBlock, Button, HomeView, KnownBlock, SectionBlock } from '@slack/types';
import type { QuotaAlert, Subscription } from '../../digest/types.js';
import { messagesFor } from '../../i18n/catalogue.js';
import type { Locale } from '../../i18n/locale.js';
import type { FailureExplanation } from '../../quota/explain-failure.js';
import { auditLevel } from '../../quota/quota-level.js';
import type { QuotaReading, TokenSourceKind } from '../../quota/types.js';
import { HOME } from '../ids.js';
import { alertsSection, digestsSection } from './home-lists.js';
import { headerBlock, mrkdwnContext, mrkdwnSection } from './limits.js';
import { formatCount, quotaBar, slackDate } from './quota-format.js';
import { displayName, escapeMrkdwn } from './text.js';

/** What is known of one provider's quota when the Home is drawn. */
export type HomeQuota =
  | { readonly state: 'live'; readonly reading: QuotaReading }
  /** The last stored reading; `pending` while a live read is on its way, else the live read did not land in time. */
  | { readonly state: 'known'; readonly reading: QuotaReading; readonly pending: boolean }
  | { readonly state: 'unknown'; readonly pending: boolean }
  | { readonly state: 'failed'; readonly failure: FailureExplanation };

/** One provider as the Home shows it. */
export interface HomeProvider {
  readonly name: string;
  readonly tokenSource: TokenSourceKind;
  readonly quota: HomeQuota;
  /** Token health from what is stored; null when it could not be read. */
  readonly token: { readonly health: 'ok' | 'attention' | 'broken'; readonly summary: string } | null;
}

/** Everything the Home tab shows; the builder does no I/O. */
export interface HomeViewInput {
  readonly locale: Locale;
  readonly timeZone: string;
  readonly now: Date;
  /** Admins get the buttons that open the setup and subscription modals. */
  readonly canConfigure: boolean;
  readonly providers: readonly HomeProvider[];
  /** Providers of the workspace left out before the builder (counted in "and N more"). */
  readonly moreProviders?: number;
  readonly subscriptions: readonly Subscription[];
  readonly alerts: readonly QuotaAlert[];
}

/** A Home tab holds at most 100 blocks: the fixed blocks take 13, each provider 2. */
export const HOME_MAX_PROVIDERS = 40;
const NAME_LENGTH = 80;
const HEALTH_ICON = { ok: ':large_green_circle:', attention: ':large_orange_circle:', broken: ':red_circle:' } as const;

/** The App Home dashboard: each provider's quota and token health, digests and alerts; admin buttons for admins. */
export function buildHomeView(input: HomeViewInput): HomeView {
  const words = messagesFor(input.locale).home;
  const shown = input.providers.slice(0, HOME_MAX_PROVIDERS);
  const hidden = input.providers.length - shown.length + (input.moreProviders ?? 0);
  const providerBlocks: KnownBlock[] =
    input.providers.length === 0 && hidden === 0
      ? [mrkdwnSection(input.canConfigure ? words.noProvidersAdmin : words.noProvidersMember)]
      : shown.flatMap((provider) => providerBlocksOf(provider, input));
  if (hidden > 0) providerBlocks.push(mrkdwnSection(words.moreProviders({ count: hidden })));

  return {
    type: 'home',
    blocks: [
      headerBlock(words.title),
      topActions(input),
      mrkdwnContext([words.updated({ when: slackDate(input.now, input.timeZone, input.locale) })]),
      { type: 'divider' },
      ...providerBlocks,
      { type: 'divider' },
      headerBlock(words.digestsHeader),
      digestsSection(input.subscriptions, input.locale),
      headerBlock(words.alertsHeader),
      alertsSection(input.alerts, input.locale),
      { type: 'divider' },
      mrkdwnContext([input.canConfigure ? words.footerAdmin : words.footerMember]),
    ],
  };
}

function button(actionId: string, text: string, value?: string, style?: 'primary'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    ...(value === undefined ? {} : { value }),
    ...(style ? { style } : {}),
  };
}

function topActions(input: HomeViewInput): ActionsBlock {
  const words = messagesFor(input.locale).home;
  const admin = input.canConfigure
    ? [button(HOME.addProvider, words.addProvider), button(HOME.subscribe, words.subscribe)]
    : [];
  return { type: 'actions', block_id: HOME.actionsBlock, elements: [button(HOME.refresh, words.refresh), ...admin] };
}

function providerBlocksOf(provider: HomeProvider, input: HomeViewInput): KnownBlock[] {
  const words = messagesFor(input.locale).home;
  const { quota } = provider;
  const when = (at: Date) => slackDate(at, input.timeZone, input.locale);
  const title = `*${escapeMrkdwn(displayName(provider.name, NAME_LENGTH))}*`;
  let body: string;
  let status: string | null;
  if (quota.state === 'failed') {
    body =
      `${words.couldNotCheck({ headline: escapeMrkdwn(quota.failure.headline, 200) })}\n` +
      words.whatToDo({ action: escapeMrkdwn(quota.failure.action, 800) });
    status = null;
  } else if (quota.state === 'unknown') {
    body = quota.pending ? words.checkingNow : words.notCheckedInTime;
    status = null;
  } else {
    body = readingLines(quota.reading, input.locale);
    status =
      quota.state === 'live'
        ? words.checkedAt({ when: when(quota.reading.checkedAt) })
        : quota.pending
          ? words.lastKnown({ when: when(quota.reading.checkedAt) })
          : words.lastKnownStale({ when: when(quota.reading.checkedAt) });
  }
  const section: SectionBlock = mrkdwnSection(`${title}\n${body}`);
  // A button value holds at most 2000 characters; stored names are far shorter (MAX_PROVIDER_NAME_LENGTH).
  if (input.canConfigure && provider.name.length <= 2000)
    section.accessory = button(HOME.editProvider, words.edit, provider.name);
  const source = {
    static: words.sourceStatic,
    central: words.sourceCentral,
    component: words.sourceComponent,
  }[provider.tokenSource];
  const token = provider.token
    ? `${HEALTH_ICON[provider.token.health]} ${words.token({ source, summary: escapeMrkdwn(provider.token.summary, 400) })}`
    : null;
  const context = [status, token].filter((line): line is string => line !== null);
  return context.length === 0 ? [section] : [section, mrkdwnContext(context)];
}

function readingLines(reading: QuotaReading, locale: Locale): string {
  const words = messagesFor(locale).home;
  const lines = [
    `${quotaBar(reading.rest, reading.limit)}  ${words.auditsLeft({ rest: formatCount(reading.rest), limit: formatCount(reading.limit) })}` +
      ` · ${words.expedited({ rest: formatCount(reading.speedupRest), limit: formatCount(reading.speedupLimit) })}`,
  ];
  const level = auditLevel(reading);
  if (level === 'exhausted') lines.push(words.noAuditsLeft);
  else if (level === 'low') lines.push(words.runningLow);
  return lines.join('\n');
}

/** The Home when the workspace's facts could not be read: says so, and keeps Refresh to try again. */
export function buildHomeErrorView(locale: Locale): HomeView {
  const words = messagesFor(locale).home;
  return {
    type: 'home',
    blocks: [
      headerBlock(words.title),
      mrkdwnSection(messagesFor(locale).common.somethingWentWrong),
      { type: 'actions', block_id: HOME.actionsBlock, elements: [button(HOME.refresh, words.refresh)] },
    ],
  };
}
