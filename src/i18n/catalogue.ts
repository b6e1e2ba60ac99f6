import type { Locale } from './locale.js';
import { actions } from './messages/actions.js';
import { admin } from './messages/admin.js';
import { common } from './messages/common.js';
import { database } from './messages/database.js';
import { digest } from './messages/digest.js';
import { errors } from './messages/errors.js';
import { failures } from './messages/failures.js';
import { help } from './messages/help.js';
import { home } from './messages/home.js';
import { install } from './messages/install.js';
import { problems } from './messages/problems.js';
import { quota } from './messages/quota.js';
import { setup } from './messages/setup.js';
import { subscriptions } from './messages/subscriptions.js';
import { tokenFailures } from './messages/token-failures.js';
import { tokens } from './messages/tokens.js';

/**
 * The one catalogue of user-visible text: every feature's area, in every language. Add an area by importing its
 * `defineMessages(...)` result here; the test in test/i18n walks every key in both languages.
 */
const AREAS = {
  admin,
  actions,
  common,
  digest,
  database,
  errors,
  failures,
  help,
  home,
  install,
  problems,
  quota,
  setup,
  subscriptions,
  tokenFailures,
  tokens,
} as const;

type Areas = typeof AREAS;
/** Every area's messages in one language: `messagesFor('zh-CN').common.somethingWentWrong`. */
export type Catalogue = { readonly [Area in keyof Areas]: Areas[Area]['en'] };

const BY_LOCALE = new Map<Locale, Catalogue>();

/** The catalogue in one language (built once per language). */
export function messagesFor(locale: Locale): Catalogue {
  let catalogue = BY_LOCALE.get(locale);
  if (!catalogue) {
    const built: Record<string, unknown> = {};
    for (const [area, byLocale] of Object.entries(AREAS)) built[area] = byLocale[locale];
    catalogue = Object.freeze(built) as Catalogue;
    BY_LOCALE.set(locale, catalogue);
  }
  return catalogue;
}

/** Every area with its messages in every language, for tests that check completeness and limits. */
export function allAreas(): Readonly<Record<string, Readonly<Record<Locale, Record<string, unknown>>>>> {
  return AREAS;
}
