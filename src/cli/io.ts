import type { Readable } from 'node:stream';

/** The CLI's whole contact with the outside world, so tests run it in-process. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: Readable;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT); used by `serve`. */
  readonly stopSignal?: Promise<string>;
}

/** Reads all of standard input as text (for secret flags given as `-`). */
export async function readAllStdin(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
