/** A listener typed for its own id; the dispatcher only routes, so it sees them all alike. */
// biome-ignore lint/suspicious/noExplicitAny: each handler declares the exact Bolt arguments of its own id
export type RoutedListener = (args: any) => Promise<void>;

/** Matches exactly the given ids (they are plain words, escaped anyway). */
export function exactly(ids: readonly string[]): RegExp {
  return new RegExp(`^(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

/**
 * One Bolt listener that hands each request to the listener registered for its id. Bolt runs every registered
 * listener's matcher chain for every request, copying the request's arguments at each step: with one registration
 * per button, modal and event the routing cost more CPU than the answer itself (bench/profile.ts).
 */
export function routeById<Args>(
  listeners: Readonly<Record<string, RoutedListener>>,
  idOf: (args: Args) => string | undefined,
): (args: Args) => Promise<void> {
  return async (args) => {
    const id = idOf(args);
    const listener = id === undefined ? undefined : listeners[id];
    if (listener) await listener(args);
  };
}
