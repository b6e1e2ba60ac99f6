import type { BuildOptions } from 'esbuild';

/** How the product is bundled (esbuild options without entry points or output). */
export declare const BUNDLE_OPTIONS: Readonly<BuildOptions>;
/** Builds dist/bundle/ (quota-bot.mjs, chunks/, source maps); `metafile` also writes meta.json for analysis. */
export declare function bundle(options?: { metafile?: boolean }): Promise<void>;
