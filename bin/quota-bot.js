#!/usr/bin/env node
// The `quota-bot` command (package.json "bin"): runs the compiled entry point, which reads process.argv itself.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);

if (!existsSync(entry)) {
  process.stderr.write('quota-bot is not built yet: run `npm run build` (npm ci does it automatically)\n');
  process.exit(1);
}

await import(entry.href);
