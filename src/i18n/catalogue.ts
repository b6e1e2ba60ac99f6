import type { Locale } from './locale.js';
import { common } from './messages/common.js';

/**
 * The one catalogue of user-visible text: every feature's area, in every language. Add an area by importing its
 * `defineMessages(...)` result here; the test in test/i18n walks every key in both languages.
 */
const AREAS = {
  common,
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
