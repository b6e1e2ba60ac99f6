import type { webApi } from '@slack/bolt';
import type { Locale } from '../i18n/locale.js';
import type { SlackMessage } from './blocks/index.js';
import type { Purpose } from './refusal.js';

/** Everything a `/quota <subcommand>` handler learns about the request, all taken from the signed payload. */
export interface SubcommandRequest {
  readonly teamId: string;
  readonly userId: string;
  readonly channelId: string;
  /** The text after the subcommand word, as Slack sent it (escaped: `<#C123|ops>`, `<@U123>`). */
  readonly args: string;
  /** Valid for 3 seconds after the command: open a modal with it before doing anything slow. */
  readonly triggerId: string;
  /** A Web API client with this workspace's bot token. */
  readonly client: webApi.WebClient;
  /** The language to answer in: the user's Slack locale when we speak it, else the workspace's. */
  readonly locale: Locale;
}

/** One `/quota` subcommand (subscribe, alert, setup, …). Features register theirs; unregistered ones are "not available". */
export interface SubcommandHandler {
  /** Configuration changes are for workspace admins and owners; reading is for everyone. */
  readonly adminOnly: boolean;
  /** What it does, for a refusal ("…can subscribe a channel to the weekly digest"); per language when a function. */
  readonly purpose: Purpose;
  /** The ephemeral answer, or null when there is nothing to say (e.g. a modal was opened instead). */
  handle(request: SubcommandRequest): Promise<SlackMessage | null>;
}

/** Subcommand word (lower case) → its handler. */
export type SubcommandRegistry = ReadonlyMap<string, SubcommandHandler>;
