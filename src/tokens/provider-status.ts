import type { Kysely } from 'kysely';
import type { Provider } from '../quota/types.js';
import { listTicketTimes } from '../store/component-tickets.js';
import { listProviderStates, type ProviderState } from '../store/provider-state.js';
import { listProviders } from '../store/providers.js';
import type { DatabaseSchema } from '../store/schema.js';
import { componentTokenKey, listCachedTokenTimes, providerTokenKey } from '../store/token-cache.js';

/** How a provider's token is doing, from what is stored (no call to WeChat or a token server). */
export interface TokenStatus {
  readonly provider: Provider;
  readonly health: 'ok' | 'attention' | 'broken';
  /** One plain sentence: what is going on, and who acts when something must be done (English, as the CLI shows). */
  readonly summary: string;
  /** The same, as data, for answers in the reader's language (src/slack/blocks/token-status-message.ts). */
  readonly note?: TokenNote;
  /** When the current token stops working, if known. */
  readonly tokenExpiresAt: Date | null;
  readonly lastRefreshAt: Date | null;
  /** Component providers: when WeChat last pushed a ticket. */
  readonly lastTicketAt: Date | null;
}

/** What `summary` says, as data. `failure` is the stored headline of the last failure (English), when known. */
export type TokenNote =
  | { readonly kind: 'static-no-expiry' | 'static-expired' | 'static-valid' }
  | { readonly kind: 'refresh-failed'; readonly failure: string | null }
  | { readonly kind: 'refreshed' | 'not-fetched'; readonly by: 'central' | 'component' }
  | { readonly kind: 'reauth'; readonly reason: keyof typeof REASON_WORDS | null }
  | { readonly kind: 'ticket-waiting' | 'ticket-expired' }
  | { readonly kind: 'component-failed'; readonly failure: string | null };

type CacheTimes = Awaited<ReturnType<typeof listCachedTokenTimes>>;
type Row = CacheTimes extends Map<string, infer R> ? R : never;

const REASON_WORDS = {
  refresh_token_invalid: 'WeChat says its refresh token is no longer valid (61023)',
  deauthorized: 'the mini program de-authorized the provider (61003)',
  unauthorized: 'the mini program withdrew its authorization',
} as const;

/** The token status of every provider of the team, in the order `/quota` lists them. */
export async function describeTokenStatus(
  db: Kysely<DatabaseSchema>,
  teamId: string,
  now: Date,
): Promise<TokenStatus[]> {
  const [providers, states, cache, tickets] = await Promise.all([
    listProviders(db, teamId),
    listProviderStates(db, teamId),
    listCachedTokenTimes(db, teamId),
    listTicketTimes(db, teamId),
  ]);
  return providers.map((provider) => {
    const state = states.get(provider.id) ?? null;
    if (provider.tokenSource === 'static') return staticStatus(provider, now);
    if (provider.tokenSource === 'central')
      return refreshedStatus(provider, cache.get(providerTokenKey('central', provider.id)), now, null);
    const ticket = state?.componentAppId ? (tickets.get(state.componentAppId) ?? null) : null;
    return componentStatus(provider, state, cache, ticket, now);
  });
}

function date(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

function staticStatus(provider: Provider, now: Date): TokenStatus {
  const base = { provider, tokenExpiresAt: provider.tokenExpiresAt, lastRefreshAt: null, lastTicketAt: null };
  if (provider.tokenExpiresAt === null) {
    return {
      ...base,
      health: 'attention',
      summary: 'Pasted token with no expiry given; such tokens live about 2 hours.',
      note: { kind: 'static-no-expiry' },
    };
  }
  if (provider.tokenExpiresAt.getTime() <= now.getTime()) {
    return {
      ...base,
      health: 'broken',
      summary: 'The pasted token has expired: an admin stores a fresh one.',
      note: { kind: 'static-expired' },
    };
  }
  return { ...base, health: 'ok', summary: 'Pasted token, still valid.', note: { kind: 'static-valid' } };
}

/** Central and component tokens: fresh, failing (with the last failure's headline) or not fetched yet. */
function refreshedStatus(provider: Provider, row: Row | undefined, now: Date, lastTicketAt: Date | null): TokenStatus {
  const expiresAt = date(row?.expires_at);
  const refreshedAt = date(row?.refreshed_at);
  const failedAt = date(row?.failed_at);
  const base = { provider, tokenExpiresAt: expiresAt, lastRefreshAt: refreshedAt, lastTicketAt };
  const who = provider.tokenSource === 'central' ? 'from the central token server' : 'by the bot';
  const by = provider.tokenSource === 'central' ? 'central' : 'component';
  if (failedAt && (refreshedAt === null || failedAt > refreshedAt)) {
    return {
      ...base,
      health: 'broken',
      summary: `The last refresh failed: ${row?.failure_message ?? 'unknown reason'}.`,
      note: { kind: 'refresh-failed', failure: row?.failure_message ?? null },
    };
  }
  if (expiresAt && expiresAt.getTime() > now.getTime()) {
    const summary = `Token refreshed ${who}; it is renewed before it expires.`;
    return { ...base, health: 'ok', summary, note: { kind: 'refreshed', by } };
  }
  const summary = `No current token yet; the next /quota fetches one ${who}.`;
  return { ...base, health: 'attention', summary, note: { kind: 'not-fetched', by } };
}

function componentStatus(
  provider: Provider,
  state: ProviderState | null,
  cache: CacheTimes,
  ticket: { receivedAt: Date; expiresAt: Date } | null,
  now: Date,
): TokenStatus {
  const own = cache.get(providerTokenKey('authorizer', provider.id));
  const status = refreshedStatus(provider, own, now, ticket?.receivedAt ?? null);
  if (state?.reauthRequiredAt) {
    const why = state.reauthReason ? REASON_WORDS[state.reauthReason] : 'WeChat refused the authorization';
    return {
      ...status,
      health: 'broken',
      summary: `Needs re-authorization: ${why}. Then update it with /quota setup.`,
      note: { kind: 'reauth', reason: state.reauthReason ?? null },
    };
  }
  if (status.health === 'ok') return status;
  if (ticket === null || ticket.expiresAt.getTime() <= now.getTime()) {
    return {
      ...status,
      health: 'broken',
      summary:
        ticket === null
          ? 'Waiting for WeChat’s first component_verify_ticket push to /wechat/callback.'
          : 'The last ticket expired: WeChat’s pushes no longer reach /wechat/callback.',
      note: { kind: ticket === null ? 'ticket-waiting' : 'ticket-expired' },
    };
  }
  const component = state?.componentAppId ? cache.get(componentTokenKey(state.componentAppId)) : undefined;
  if (component?.failed_at && (!component.refreshed_at || component.failed_at > component.refreshed_at)) {
    return {
      ...status,
      health: 'broken',
      summary: `Refreshing the component token failed: ${component.failure_message}.`,
      note: { kind: 'component-failed', failure: component.failure_message ?? null },
    };
  }
  return status;
}
