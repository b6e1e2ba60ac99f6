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
