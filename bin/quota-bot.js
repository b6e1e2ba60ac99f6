#!/usr/bin/env node
// The `quota-bot` command (package.json "bin"): runs the built entry point, which reads process.argv itself.
// Prefers the esbuild bundle (dist/bundle/, starts about twice as fast); falls back to tsc's dist/main.js when the
// bundle is missing or older than the last tsc build (someone ran tsc alone: never run stale code).
import { statSync } from 'node:fs';

const bundle = new URL('../dist/bundle/quota-bot.mjs', import.meta.url);
const compiled = new URL('../dist/main.js', import.meta.url);
const tscStamp = new URL('../dist/.tsbuildinfo', import.meta.url);

const modified = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs;
const bundled = modified(bundle);
const tscBuilt = modified(tscStamp);
const entry =
  bundled !== undefined && !(tscBuilt > bundled) ? bundle : modified(compiled) !== undefined ? compiled : null;

if (entry === null) {
  process.stderr.write('quota-bot is not built yet: run `npm run build` (npm ci does it automatically)\n');
  process.exit(1);
}

await import(entry.href);
