import type { Locale } from './locale.js';

/** A message is fixed text or a function of its parameters; an area groups the messages of one feature. */
export type MessageArea = Record<string, string | ((params: never) => string)>;

/**
 * One feature's messages in every language. English defines the shape; `NoInfer` makes the compiler demand that
 * Simplified Chinese has exactly the same keys with the same parameters, so a missing translation does not build.
 */
export function defineMessages<T extends MessageArea>(en: T, zhCN: NoInfer<T>): Readonly<Record<Locale, T>> {
  return Object.freeze({ en: Object.freeze(en), 'zh-CN': Object.freeze(zhCN) });
}
