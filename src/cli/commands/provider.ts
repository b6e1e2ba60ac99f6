import type { Config } from '../../config.js';
import { AppError, UsageError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { listProviders, removeProvider, saveProvider } from '../../store/providers.js';
import { futureInstantFlag, nameFlag, parseFlags, secretFlag, teamFlag } from '../args.js';
import type { CliIo } from '../io.js';
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

const NOT_YET: readonly string[] = [
  'token-url',
  'token-url-header',
  'component-appid',
  'component-secret',
  'authorizer-appid',
  'refresh-token',
  'callback-token',
  'encoding-aes-key',
];

async function addProvider(
  args: string[],
  { config, logger, io, now }: { config: Config; logger: Logger; io: CliIo; now: Date },
) {
  const flags = parseFlags(args, {
    team: { type: 'string' },
    name: { type: 'string' },
    token: { type: 'string' },
    'expires-at': { type: 'string' },
    ...Object.fromEntries(NOT_YET.map((flag) => [flag, { type: 'string' as const }])),
  });
  const given = flags as Record<string, unknown>;
  const unsupported = NOT_YET.filter((flag) => given[flag] !== undefined);
  if (unsupported.length > 0) {
    throw new UsageError(
      `--${unsupported[0]}: central token servers and component credentials are not supported in this version yet; store a static token with --token`,
    );
  }
  const teamId = teamFlag(flags.team);
  const name = nameFlag(flags.name);
  const tokenExpiresAt = futureInstantFlag(flags['expires-at'], '--expires-at', now);
  const token = await secretFlag(flags.token, '--token', io);
  const { database, box } = await openStore(config, logger);
  try {
    const { provider, replaced } = await saveProvider(database.db, box, {
      teamId,
      name,
      credentials: { kind: 'static', token },
      tokenExpiresAt,
      now,
    });
    const expiry = provider.tokenExpiresAt ? `, token expires ${provider.tokenExpiresAt.toISOString()}` : '';
    io.stdout.write(
      `${replaced ? 'Updated' : 'Added'} provider "${provider.name}" for workspace ${teamId}${expiry}.\n`,
    );
    if (!provider.tokenExpiresAt) {
      io.stdout.write(
        'Note: an authorizer access token lives about 2 hours; pass --expires-at so the bot can say when it has expired.\n',
      );
    }
  } finally {
    await database.close();
  }
}

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
      const expiry = p.tokenExpiresAt ? `token expires ${p.tokenExpiresAt.toISOString()}` : 'no expiry given';
      io.stdout.write(`${p.name}\t${p.tokenSource} token\t${expiry}\tupdated ${p.updatedAt.toISOString()}\n`);
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
