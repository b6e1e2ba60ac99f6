#!/usr/bin/env node
/**
 * Bundles the `quota-bot` entry (src/main.ts) with esbuild into dist/bundle/quota-bot.mjs, which bin/quota-bot.js
 * runs. Why: loading ~1,100 separate ESM and CommonJS files of Bolt, Kysely, zod and the app costs more start-up
 * CPU than everything the bot then does before its first answer; pre-linked, the bot starts about as fast as a bare,
 * unbundled Bolt app (BENCHMARKS.md, start-up). tsc still builds dist/ (type checking, the fallback entry).
 *
 * Usage: node scripts/bundle.mjs [--metafile]   (the second half of `npm run build`)
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist', 'bundle');

/**
 * How the product is bundled, shared with the start-up benchmark (which bundles bare Bolt the same way).
 * Left to node_modules: native addons (better-sqlite3, ws's optional accelerators), and pg with its optional native
 * binding (loaded only for PostgreSQL, by createRequire in src/store/database.ts).
 */
export const BUNDLE_OPTIONS = Object.freeze({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg', 'pg-native', 'bufferutil', 'utf-8-validate'],
  // Not minified: stack traces and logged error types keep their real names. No keepNames (it costs ~30 ms of
  // start-up): the few classes renamed to avoid a clash (undici's InvalidArgumentError → InvalidArgumentError2)
  // show so in a logged err.type, and no code here compares names.
  // CommonJS dependencies (Bolt, express, pino…) call require() for Node's built-ins; ESM has no require.
  banner: {
    js: "import { createRequire as __quotaBotCreateRequire } from 'node:module';\nconst require = __quotaBotCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

/** Builds dist/bundle/ (quota-bot.mjs, chunks/, source maps); `metafile` also writes meta.json for analysis. */
export async function bundle({ metafile = false } = {}) {
  const result = await build({
    ...BUNDLE_OPTIONS,
    absWorkingDir: root,
    entryPoints: { 'quota-bot': 'src/main.ts' },
    outdir,
    // The CLI's commands are imported lazily (src/cli/run-cli.ts): `serve` never loads what only `check` needs.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // Maps point at src/ and node_modules/ without copying them: `NODE_OPTIONS=--enable-source-maps` maps stack
    // traces; it is off by default because parsing the maps costs ~60 ms of start-up.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile,
    write: false,
  });
  // Other processes may be running the bundle while it is rebuilt (tests run side by side): unchanged files are
  // left alone, changed ones replaced atomically (rename), and only then are files of an earlier build removed —
  // those older than a minute, so a build running at the same time from other sources keeps its chunks.
  const written = new Set();
  for (const file of result.outputFiles) {
    written.add(file.path);
    if (sameContent(file.path, file.contents)) continue;
    mkdirSync(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  if (result.metafile) {
    const meta = path.join(outdir, 'meta.json');
    writeFileSync(meta, JSON.stringify(result.metafile));
    written.add(meta);
  }
  for (const entry of readdirSync(outdir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || written.has(file)) continue;
    if (Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 60_000) {
      rmSync(file, { force: true });
    }
  }
  // bin/quota-bot.js runs the bundle only if its entry is newer than tsc's last build: mark it built now, also
  // when its bytes did not change.
  const now = new Date();
  utimesSync(path.join(outdir, 'quota-bot.mjs'), now, now);
}

function sameContent(file, contents) {
  try {
    return Buffer.compare(readFileSync(file), contents) === 0;
  } catch {
    return false;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await bundle({ metafile: process.argv.includes('--metafile') });
}
