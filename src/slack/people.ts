import { webApi } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';

/** What the bot needs to know about a Slack user, from one `users.info` call. */
export interface Person {
  /** Workspace admin, owner or primary owner. */
  readonly isAdmin: boolean;
  /** Their Slack locale (e.g. `zh-CN`), or null when Slack did not say. */
  readonly locale: string | null;
  readonly deleted: boolean;
  readonly isBot: boolean;
}

/** Looks Slack users up, one `users.info` per user per few minutes, shared by permission checks and languages. */
export interface PeopleDirectory {
  /** The user as Slack describes them, or null when Slack cannot say (callers fail closed). Never rejects. */
  lookup(client: webApi.WebClient, teamId: string, userId: string): Promise<Person | null>;
}

const DEFAULT_TTL_MS = 5 * 60 * 1000;
const DEFAULT_MAX_ENTRIES = 10_000;
/** A slow Slack delays an answer (its language, its permission check) by this much at most. */
const DEFAULT_BUDGET_MS = 2500;
/** A hung request is abandoned after this long (the caller stopped waiting at the budget already). */
const LOOKUP_TIMEOUT_MS = 10_000;
/** One client per token (per workspace in OAuth mode). */
const MAX_CLIENTS = 1000;
/** Failures are logged by the directory itself, once, with the team and user. */
const SILENT = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => webApi.LogLevel.ERROR,
  setName() {},
} satisfies webApi.Logger;

/**
 * `users.info({ include_locale: true })` cached per team and user: a demoted admin loses access within the TTL, and
 * a burst of commands costs Slack one call (a Tier 4 method). Concurrent lookups of one user share one request, so
 * the permission check and the language of the same `/quota` never ask twice. Failures are not cached. A lookup
 * waits at most `budgetMs` (then says "unknown"); the request goes on in the background and fills the cache.
 */
export function createPeopleDirectory(deps: {
  clock: () => Date;
  logger: Logger;
  ttlMs?: number;
  maxEntries?: number;
  budgetMs?: number;
}): PeopleDirectory {
  const ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  const budgetMs = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const maxEntries = deps.maxEntries ?? DEFAULT_MAX_ENTRIES;
  // Map keeps insertion order: re-inserting on every fetch makes the first key the stalest, evicted first.
  const cache = new Map<string, { person: Person; expiresAt: number }>();
  const pending = new Map<string, Promise<Person | null>>();
  const clients = new Map<string, webApi.WebClient>();
  /**
   * The request's client retries an unreachable Slack for minutes. Lookups use a client of their own with the same
   * token and API URL that does not retry: a refused connection answers "unknown" at once, and the answer goes on
   * in English (or denied) instead of waiting out the budget.
   */
  const lookupClient = (client: webApi.WebClient): webApi.WebClient => {
    const key = `${client.slackApiUrl}|${client.token ?? ''}`;
    let own = clients.get(key);
    if (!own) {
      if (clients.size >= MAX_CLIENTS) clients.clear();
      own = new webApi.WebClient(client.token, {
        slackApiUrl: client.slackApiUrl,
        retryConfig: { retries: 0 },
        timeout: LOOKUP_TIMEOUT_MS,
        logger: SILENT,
      });
      clients.set(key, own);
    }
    return own;
  };

  const fetch = async (client: webApi.WebClient, teamId: string, userId: string, key: string) => {
    try {
      const { user } = await lookupClient(client).users.info({ user: userId, include_locale: true });
      if (!user) throw new Error('users.info answered without a user');
      const person: Person = {
        isAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
        locale: typeof user.locale === 'string' && user.locale !== '' ? user.locale : null,
        deleted: Boolean(user.deleted),
        isBot: Boolean(user.is_bot) || user.id === 'USLACKBOT',
      };
      cache.delete(key);
      while (cache.size >= maxEntries) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
      cache.set(key, { person, expiresAt: deps.clock().getTime() + ttlMs });
      return person;
    } catch (err) {
      deps.logger.warn({ err, teamId, userId }, 'users.info failed; the user is treated as unknown');
      return null;
    }
  };

  return {
    lookup(client, teamId, userId) {
      const key = `${teamId}:${userId}`;
      const hit = cache.get(key);
      if (hit && hit.expiresAt > deps.clock().getTime()) return Promise.resolve(hit.person);
      let inFlight = pending.get(key);
      if (!inFlight) {
        inFlight = fetch(client, teamId, userId, key).finally(() => pending.delete(key));
        pending.set(key, inFlight);
      }
      return withinBudget(inFlight, budgetMs);
    },
  };
}

function withinBudget(lookup: Promise<Person | null>, budgetMs: number): Promise<Person | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), budgetMs);
    timer.unref();
  });
  return Promise.race([lookup, late]).finally(() => clearTimeout(timer));
}
