import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';

/** Runs the CLI in-process with the given environment and stdin; returns what a terminal would show. */
export async function runCliCaptured(argv: string[], env: Record<string, string>, stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdin: Readable.from([stdin]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
