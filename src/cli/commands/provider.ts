import type { Config } from '../../config.js';
import { AppError, UsageError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import type { ProviderCredentials } from '../../quota/types.js';
import { listProviders, removeProvider, saveProvider } from '../../store/providers.js';
import { urlOrigin } from '../../tokens/credential-rules.js';
import { futureInstantFlag, nameFlag, parseFlags, teamFlag } from '../args.js';
import type { CliIo } from '../io.js';
import { CREDENTIAL_FLAGS, credentialsFromFlags } from '../provider-flags.js';
import { openStore } from '../store-access.js';

/** `provider add|list|remove`: manage a workspace's providers. Secrets go in, never come out. */
export async function providerCommand(args: string[], ctx: { config: Config; logger: Logger; io: CliIo; now: Date }) {
  const [action, ...rest] = args;
  switch (action) {
    case 'add':
      return addProvider(rest, ctx);
    case 'list':
      return listCommand(rest, ctx);
    case 'remove':
      return removeCommand(rest, ctx);
    default:
      throw new UsageError(
        action
          ? `unknown provider action "${action}" (expected add, list or remove)`
          : 'provider needs an action: add, list or remove',
      );
  }
}

async function addProvider(
  args: string[],
  { config, logger, io, now }: { config: Config; logger: Logger; io: CliIo; now: Date },
) {
  const flags = parseFlags(args, {
    team: { type: 'string' },
    name: { type: 'string' },
    'expires-at': { type: 'string' },
    ...Object.fromEntries(CREDENTIAL_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
  });
  const teamId = teamFlag(flags.team);
  const name = nameFlag(flags.name);
  const tokenExpiresAt = futureInstantFlag(flags['expires-at'], '--expires-at', now);
  const credentials = await credentialsFromFlags(flags, io);
  const { database, box } = await openStore(config, logger);
  try {
    const { provider, replaced } = await saveProvider(database.db, box, {
      teamId,
      name,
      credentials,
      tokenExpiresAt,
      now,
    });
    const expiry = provider.tokenExpiresAt ? `, token expires ${provider.tokenExpiresAt.toISOString()}` : '';
    io.stdout.write(
      `${replaced ? 'Updated' : 'Added'} provider "${provider.name}" for workspace ${teamId} (${describeSource(credentials)})${expiry}.\n`,
    );
    if (credentials.kind === 'static' && !provider.tokenExpiresAt) {
      io.stdout.write(
        'Note: an authorizer access token lives about 2 hours; pass --expires-at so the bot can say when it has expired.\n',
      );
    }
    if (credentials.kind === 'component') {
      io.stdout.write(
        'Next: WeChat pushes a component_verify_ticket every 10 minutes to the authorization event URL; point it (or a ' +
          'forwarder) at https://YOUR-HOST/wechat/callback. Tokens are refreshed from the first push on.\n',
      );
    }
  } finally {
    await database.close();
  }
}

/** How the token is obtained, in words; never a secret (for a token server, its origin only). */
function describeSource(credentials: ProviderCredentials): string {
  if (credentials.kind === 'central') return `central token server ${urlOrigin(credentials.url)}`;
  if (credentials.kind === 'component') return `refreshed from component ${credentials.componentAppId}`;
  return 'static token';
}

const SOURCE_WORDS = { static: 'static token', central: 'central token server', component: 'refreshed by the bot' };

async function listCommand(args: string[], { config, logger, io }: { config: Config; logger: Logger; io: CliIo }) {
  const flags = parseFlags(args, { team: { type: 'string' }, json: { type: 'boolean' } });
  const teamId = teamFlag(flags.team);
  const { database } = await openStore(config, logger);
  try {
    const providers = await listProviders(database.db, teamId);
    if (flags.json) {
      const rows = providers.map((p) => ({
        name: p.name,
        tokenSource: p.tokenSource,
        tokenExpiresAt: p.tokenExpiresAt?.toISOString() ?? null,
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
      }));
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    if (providers.length === 0) {
      io.stdout.write(
        `No providers for workspace ${teamId}. Add one with: quota-bot provider add --team ${teamId} --name NAME --token -\n`,
      );
      return;
    }
    for (const p of providers) {
      const expiry =
        p.tokenSource !== 'static'
          ? 'kept fresh'
          : p.tokenExpiresAt
            ? `token expires ${p.tokenExpiresAt.toISOString()}`
            : 'no expiry given';
      io.stdout.write(`${p.name}\t${SOURCE_WORDS[p.tokenSource]}\t${expiry}\tupdated ${p.updatedAt.toISOString()}\n`);
    }
  } finally {
    await database.close();
  }
}

async function removeCommand(args: string[], { config, logger, io }: { config: Config; logger: Logger; io: CliIo }) {
  const flags = parseFlags(args, { team: { type: 'string' }, name: { type: 'string' } });
  const teamId = teamFlag(flags.team);
  const name = nameFlag(flags.name);
  const { database } = await openStore(config, logger);
  try {
    if (!(await removeProvider(database.db, teamId, name))) {
      throw new AppError(
        'PROVIDER_NOT_FOUND',
        `workspace ${teamId} has no provider named "${name}" (see: quota-bot provider list --team ${teamId})`,
      );
    }
    io.stdout.write(`Removed provider "${name}" from workspace ${teamId}.\n`);
  } finally {
    await database.close();
  }
}
