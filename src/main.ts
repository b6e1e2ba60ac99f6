import { existsSync } from 'node:fs';
import { runCli } from './cli/run-cli.js';

// Thin process entry: environment file, signals, exit code. Everything else is in runCli/createApp.
if (existsSync('.env')) process.loadEnvFile('.env');

let signalled = false;
const stopSignal = new Promise<string>((resolve) => {
  const onSignal = (signal: string) => {
    if (signalled) {
      process.stderr.write(`quota-bot: second ${signal}, exiting now\n`);
      process.exit(130);
    }
    signalled = true;
    resolve(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
});

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stopSignal,
});
// Exit only once stdout has flushed, so piped --json output is never cut short.
process.stdout.write('', () => process.exit(code));
