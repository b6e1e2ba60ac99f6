import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { mrkdwnContext, mrkdwnSection, plainSection } from './limits.js';
import { displayName, escapeMrkdwn, plainText, sanitize } from './text.js';
import type { SlackMessage } from './types.js';

const MAX_LISTED = 20;
const NAME_LENGTH = 40;
const MAX_SUGGESTIONS = 3;

/** The answer to `/quota NAME` when no provider has that name: close matches first, then (some of) the known names. */
export function buildUnknownProviderMessage(input: {
  requested: string;
  known: string[];
  locale?: Locale;
}): SlackMessage {
  const t = messagesFor(input.locale ?? DEFAULT_LOCALE).help;
  const requested = escapeMrkdwn(displayName(input.requested, 80));
  const suggestions = closestNames(input.requested, input.known);
  const quoted = suggestions.map((name) => t.quoted({ name: escapeMrkdwn(displayName(name, NAME_LENGTH)) }));
  const didYouMean = quoted.length > 0 ? t.didYouMean({ names: quoted }) : '';
  const listed = [...input.known]
    .sort()
    .slice(0, MAX_LISTED)
    .map((name) => plainText(displayName(name, NAME_LENGTH)));
  const more = input.known.length - listed.length;
  const knownLine =
    input.known.length === 0 ? t.noProvidersHere : t.providersHere({ names: listed.join(t.listSeparator), more });
  const unknown = t.unknownProvider({ requested });
  return {
    text: `${unknown}${didYouMean}${t.useQuotaToSeeAll}`,
    blocks: [mrkdwnSection(`:mag: ${unknown}${didYouMean}`), plainSection(knownLine), mrkdwnContext([t.quotaShowsAll])],
  };
}

/** Up to three known names close to `requested`: same name in another case, one inside the other, or a typo away. */
function closestNames(requested: string, known: string[]): string[] {
  const wanted = sanitize(requested).toLowerCase();
  if (wanted === '' || [...wanted].length > 80) return [];
  return known
    .map((name) => {
      const candidate = sanitize(name).toLowerCase();
      if ([...candidate].length > 80) return { name, score: Number.POSITIVE_INFINITY };
      if (candidate === wanted) return { name, score: 0 };
      if (candidate.includes(wanted) || wanted.includes(candidate)) return { name, score: 1 };
      const distance = levenshtein(candidate, wanted);
      return {
        name,
        score: distance <= Math.max(2, Math.floor(wanted.length / 4)) ? 1 + distance : Number.POSITIVE_INFINITY,
      };
    })
    .filter((entry) => Number.isFinite(entry.score))
    .sort((a, b) => a.score - b.score)
    .slice(0, MAX_SUGGESTIONS)
    .map((entry) => entry.name);
}

function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}
