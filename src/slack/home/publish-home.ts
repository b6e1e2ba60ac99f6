import type { webApi } from '@slack/bolt';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { explainFailure } from '../../quota/explain-failure.js';
import type { Provider } from '../../quota/types.js';
import type { TokenStatus } from '../../tokens/provider-status.js';
import { buildHomeErrorView, buildHomeView, type HomeQuota } from '../blocks/home-view.js';
import { tokenSummaryText } from '../blocks/token-status-message.js';
import { withinBudget } from '../in-flight.js';
import type { SlackDeps } from '../listeners/deps.js';
import { type HomeFacts, loadHomeFacts } from './home-facts.js';

/** How long the first publish waits for live readings: a warm cache answers well within it. */
const FIRST_PUBLISH_BUDGET_MS = 300;
/** How long live readings may take before the Home settles on what is known (WeChat's own timeouts are shorter). */
const LIVE_BUDGET_MS = 10_000;

/** What publishing needs from the Slack listeners' dependencies. */
export type HomeDeps = Pick<
  SlackDeps,
  'db' | 'quota' | 'clock' | 'timeZone' | 'logger' | 'permissions' | 'locales' | 'inFlight'
>;

/** Per app (keyed by its in-flight tracker): which publish of a user's Home is the newest. */
const generationsByApp = new WeakMap<object, Map<string, number>>();
let generation = 0;

/**
 * Publishes a user's App Home. It goes out fast with what is known (stored readings, token health, digests, alerts)
 * unless the live readings land within a few hundred ms; otherwise it is published again when they land.
 * `fresh` (the Refresh button) bypasses the quota cache. Never rejects.
 */
export async function publishHome(
  deps: HomeDeps,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
  options: { fresh?: boolean } = {},
): Promise<void> {
  // An older publish that lands late (a slow WeChat) must not overwrite a newer one (a Refresh meanwhile).
  let generations = generationsByApp.get(deps.inFlight);
  if (!generations) {
    generations = new Map();
    generationsByApp.set(deps.inFlight, generations);
  }
  const key = `${teamId}:${userId}`;
  const mine = ++generation;
  generations.set(key, mine);
  const publish = async (view: ReturnType<typeof buildHomeView>) => {
    if (generations.get(key) !== mine) return;
    await client.views.publish({ user_id: userId, view });
  };
  let locale: Locale = DEFAULT_LOCALE;
  try {
    let facts: HomeFacts;
    let canConfigure: boolean;
    [locale, canConfigure, facts] = await Promise.all([
      deps.locales.forUser(client, teamId, userId),
      deps.permissions.canConfigure(client, teamId, userId),
      loadHomeFacts(deps, teamId),
    ]);
    const live = new Map<string, HomeQuota>();
    const reads = Promise.all(facts.shown.map((provider) => readInto(deps, provider, { ...options, locale }, live)));
    const draw = (settled: boolean) =>
      buildHomeView({
        locale,
        timeZone: deps.timeZone,
        now: deps.clock(),
        canConfigure,
        providers: facts.shown.map((provider) => ({
          name: provider.name,
          tokenSource: provider.tokenSource,
          quota: live.get(provider.id) ?? known(facts, provider, settled),
          token: homeToken(facts.tokens.get(provider.id), locale),
        })),
        moreProviders: facts.hidden,
        subscriptions: facts.subscriptions,
        alerts: facts.alerts,
      });
    if ((await withinBudget(reads, FIRST_PUBLISH_BUDGET_MS)) !== undefined) return await publish(draw(true));
    await publish(draw(false));
    await withinBudget(reads, LIVE_BUDGET_MS);
    await publish(draw(true));
  } catch (err) {
    deps.logger.error({ err, teamId }, 'could not publish the App Home');
    await publish(buildHomeErrorView(locale)).catch((again: unknown) =>
      deps.logger.warn({ err: again, teamId }, 'could not publish the App Home error view'),
    );
  } finally {
    if (generations.get(key) === mine) generations.delete(key);
  }
}

/** A provider's reading through the quota service (cache unless fresh); a failure is explained, not thrown. */
async function readInto(
  deps: HomeDeps,
  provider: Provider,
  options: { fresh?: boolean; locale: Locale },
  into: Map<string, HomeQuota>,
): Promise<void> {
  try {
    const { reading } = await deps.quota.read(provider, { fresh: options.fresh ?? false });
    into.set(provider.id, { state: 'live', reading });
  } catch (error) {
    const failure = explainFailure(error, {
      teamId: provider.teamId,
      providerName: provider.name,
      tokenSource: provider.tokenSource,
      locale: options.locale,
    });
    deps.logger.warn(
      { err: error, providerId: provider.id, teamId: provider.teamId, failure: failure.code },
      'quota check failed',
    );
    into.set(provider.id, { state: 'failed', failure });
  }
}

/** The last stored reading while (or after, when `settled`) the live one is awaited. */
function known(facts: HomeFacts, provider: Provider, settled: boolean): HomeQuota {
  const reading = facts.lastKnown.get(provider.id);
  return reading ? { state: 'known', reading, pending: !settled } : { state: 'unknown', pending: !settled };
}

/** Token health in the reader's language (TokenStatus.summary is the CLI's English sentence). */
function homeToken(status: TokenStatus | undefined, locale: Locale) {
  return status ? { health: status.health, summary: tokenSummaryText(status, locale) } : null;
}
