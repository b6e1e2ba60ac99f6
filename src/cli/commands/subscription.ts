import type { Config } from '../../config.js';
import {
  canonicalTimeZone,
  DEFAULT_HOUR,
  DEFAULT_MINUTE,
  DEFAULT_WEEKDAY,
  formatTimeOfDay,
  parseTimeOfDay,
  parseWeekday,
  WEEKDAY_SHORT,
} from '../../digest/schedule-input.js';
import { AppError, UsageError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { listSubscriptions, removeSubscription, saveSubscription } from '../../store/subscriptions.js';
import { parseFlags, required, teamFlag } from '../args.js';
import type { CliIo } from '../io.js';
import { openStore } from '../store-access.js';

interface Ctx {
  config: Config;
  logger: Logger;
  io: CliIo;
  now: Date;
}

const CHANNEL_ID = /^[CG][A-Z0-9]{8,}$/;

/** `subscription add|list|remove`: manage a workspace's weekly digest subscriptions from the shell. */
export async function subscriptionCommand(args: string[], ctx: Ctx): Promise<void> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add':
      return addCommand(rest, ctx);
    case 'list':
      return listCommand(rest, ctx);
    case 'remove':
      return removeCommand(rest, ctx);
    default:
      throw new UsageError(
        action
          ? `unknown subscription action "${action}" (expected add, list or remove)`
          : 'subscription needs an action: add, list or remove',
      );
  }
}

function channelFlag(value: string | boolean | undefined | (string | boolean)[]): string {
  const channel = required(value, '--channel');
  if (!CHANNEL_ID.test(channel)) {
    throw new UsageError(
      `--channel expects a channel id such as C0123ABCD (channel details → About, at the bottom), not "${channel}"`,
    );
  }
  return channel;
}

async function addCommand(args: string[], { config, logger, io, now }: Ctx): Promise<void> {
  const flags = parseFlags(args, {
    team: { type: 'string' },
    channel: { type: 'string' },
    weekday: { type: 'string' },
    time: { type: 'string' },
    tz: { type: 'string' },
  });
  const teamId = teamFlag(flags.team);
  const channelId = channelFlag(flags.channel);
  const weekday = flags.weekday === undefined ? DEFAULT_WEEKDAY : parseWeekday(flags.weekday);
  if (weekday === null)
    throw new UsageError(`--weekday expects mon, tue, wed, thu, fri, sat or sun, not "${flags.weekday}"`);
  const time = flags.time === undefined ? { hour: DEFAULT_HOUR, minute: DEFAULT_MINUTE } : parseTimeOfDay(flags.time);
  if (time === null) throw new UsageError(`--time expects a 24-hour HH:MM from 00:00 to 23:59, not "${flags.time}"`);
  const timeZone = flags.tz === undefined ? config.defaultTimezone : canonicalTimeZone(flags.tz);
  if (timeZone === null)
    throw new UsageError(`--tz expects an IANA time zone such as Asia/Shanghai or Europe/Berlin, not "${flags.tz}"`);

  const { database } = await openStore(config, logger);
  try {
    const { subscription, replaced } = await saveSubscription(database.db, {
      teamId,
      channelId,
      schedule: { weekday, ...time, timeZone },
      subscribedBy: null,
      now,
    });
    io.stdout.write(
      `${replaced ? 'Updated' : 'Added'} the weekly digest of ${channelId} in ${teamId}: ${WEEKDAY_SHORT[weekday]} ` +
        `${formatTimeOfDay(time.hour, time.minute)} ${timeZone}; next ${subscription.nextDueAt.toISOString()}.\n` +
        'The bot must be a member of the channel: type /invite @Quota Bot in it.\n',
    );
  } finally {
    await database.close();
  }
}

async function listCommand(args: string[], { config, logger, io }: Ctx): Promise<void> {
  const flags = parseFlags(args, { team: { type: 'string' }, json: { type: 'boolean' } });
  const teamId = teamFlag(flags.team);
  const { database } = await openStore(config, logger);
  try {
    const rows = (await listSubscriptions(database.db, teamId)).map((s) => ({
      channel: s.channelId,
      weekday: WEEKDAY_SHORT[s.schedule.weekday] ?? String(s.schedule.weekday),
      time: formatTimeOfDay(s.schedule.hour, s.schedule.minute),
      timeZone: s.schedule.timeZone,
      nextDigestAt: s.pausedAt ? null : s.nextDueAt.toISOString(),
      paused: s.pausedAt !== null,
      pausedReason: s.pausedReason,
      subscribedBy: s.subscribedBy,
    }));
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    if (rows.length === 0) {
      io.stdout.write(
        `No digest subscriptions in ${teamId}. Add one with: quota-bot subscription add --team ${teamId} --channel C…\n`,
      );
      return;
    }
    for (const r of rows) {
      const state = r.paused ? `paused (${r.pausedReason})` : `next ${r.nextDigestAt}`;
      io.stdout.write(`${r.channel}\t${r.weekday} ${r.time} ${r.timeZone}\t${state}\n`);
    }
  } finally {
    await database.close();
  }
}

async function removeCommand(args: string[], { config, logger, io }: Ctx): Promise<void> {
  const flags = parseFlags(args, { team: { type: 'string' }, channel: { type: 'string' } });
  const teamId = teamFlag(flags.team);
  const channelId = channelFlag(flags.channel);
  const { database } = await openStore(config, logger);
  try {
    if (!(await removeSubscription(database.db, teamId, channelId))) {
      throw new AppError(
        'SUBSCRIPTION_NOT_FOUND',
        `${channelId} in ${teamId} is not subscribed (see: quota-bot subscription list --team ${teamId})`,
      );
    }
    io.stdout.write(`Removed the weekly digest of ${channelId} in ${teamId}.\n`);
  } finally {
    await database.close();
  }
}
