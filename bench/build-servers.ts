/**
 * Builds the benchmark servers into bench/results/build (every benchmark does this itself first); run it in another
 * checkout to compare that checkout with BENCH_VARIANTS=label=DIR. Usage: npx tsx bench/build-servers.ts
 */
import { BUILD_DIR, buildBenchServers } from './lib/processes.js';

buildBenchServers();
console.log(`bench servers built into ${BUILD_DIR}`);
