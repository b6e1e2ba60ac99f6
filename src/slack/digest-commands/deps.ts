import type { Kysely } from 'kysely';
import type { Logger } from '../../logging/logger.js';
import type { DatabaseSchema } from '../../store/schema.js';
import type { ChannelResolver } from '../channel-resolver.js';

/** What the digest and alert subcommands use; passed in, never imported as singletons. */
export interface DigestCommandDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** DEFAULT_TIMEZONE: the zone of a subscription that names none. */
  readonly defaultTimeZone: string;
  readonly channels: ChannelResolver;
}

/** Usage lines shown with every problem. */
export const SUBSCRIBE_USAGE =
  '`/quota subscribe [#channel] [WEEKDAY HH:MM] [TIME-ZONE]`, e.g. `/quota subscribe #mini-program-ops mon 09:00 Asia/Shanghai`';
export const UNSUBSCRIBE_USAGE = '`/quota unsubscribe [#channel]`';
export const ALERT_USAGE =
  '`/quota alert N|N%|off [#channel]`, e.g. `/quota alert 5` or `/quota alert 20% #mini-program-ops`';
