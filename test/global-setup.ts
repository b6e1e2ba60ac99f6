import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The bin tests run the built CLI exactly as operators do, so build it first (tsc is incremental; esbuild takes ~1 s). */
export default function setup(): void {
  // For parallel local work on tests that never touch dist/ (everything but test/cli/bin and test/crash).
  if (process.env.QUOTA_BOT_TEST_SKIP_BUILD === '1') return;
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  // The bin runs the esbuild bundle (npm run build does both), so the tests spawn what operators run.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
}
