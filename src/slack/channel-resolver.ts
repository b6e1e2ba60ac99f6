import { webApi } from '@slack/bolt';
import { type Catalogue, messagesFor } from '../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import type { Logger } from '../logging/logger.js';
import type { ChannelRef } from './channel-ref.js';

/** A channel the bot can post to, or a problem in words (what is wrong and how to fix it). */
export type ChannelCheck =
  | { readonly ok: true; readonly channelId: string }
  | { readonly ok: false; readonly problem: string };

/** Turns what the user typed into a channel the bot can post to. */
export interface ChannelResolver {
  /** `ref` null means the channel the command was typed in. */
  resolve(
    client: webApi.WebClient,
    teamId: string,
    ref: ChannelRef | null,
    currentChannelId: string,
    /** The language of the problem, when there is one. */
    locale?: Locale,
  ): Promise<ChannelCheck>;
}

const CACHE_TTL_MS = 60_000;
/** conversations.list pages read at most (200 channels each): a bound on one lookup. */
const MAX_PAGES = 50;

/**
 * Resolves `#name` through conversations.list (paginated, cached per workspace for a minute: names rarely change and
 * the method is Tier 2) and checks with conversations.info that the bot is a member and the channel not archived.
 */
export function createChannelResolver(deps: { clock: () => Date; logger: Logger }): ChannelResolver {
  const names = new Map<string, { byName: Map<string, string>; expiresAt: number }>();

  async function idOfName(client: webApi.WebClient, teamId: string, name: string): Promise<string | null> {
    const now = deps.clock().getTime();
    const cached = names.get(teamId);
    if (cached && cached.expiresAt > now && cached.byName.has(name)) return cached.byName.get(name) ?? null;
    const byName = new Map<string, string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const result = await client.conversations.list({
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const channel of result.channels ?? []) {
        if (channel.id && channel.name) byName.set(channel.name.toLowerCase(), channel.id);
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (cursor === undefined || byName.has(name)) break;
    }
    if (names.size > 1000) names.clear();
    names.set(teamId, { byName, expiresAt: now + CACHE_TTL_MS });
    return byName.get(name) ?? null;
  }

  return {
    async resolve(client, teamId, ref, currentChannelId, locale = DEFAULT_LOCALE) {
      const t = messagesFor(locale).problems;
      try {
        const channelId =
          ref === null ? currentChannelId : ref.kind === 'id' ? ref.id : await idOfName(client, teamId, ref.name);
        if (channelId === null) {
          const name = ref?.kind === 'name' ? ref.name : '';
          return { ok: false, problem: t.channelNotFound({ name, invite: t.invite }) };
        }
        if (channelId.startsWith('D')) {
          return { ok: false, problem: t.directMessage };
        }
        return await checkMembership(client, channelId, t);
      } catch (err) {
        deps.logger.warn({ err, teamId }, 'could not check a channel with Slack');
        return { ok: false, problem: t.checkFailed };
      }
    },
  };
}

async function checkMembership(
  client: webApi.WebClient,
  channelId: string,
  t: Catalogue['problems'],
): Promise<ChannelCheck> {
  const where = `<#${channelId}>`;
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_im || channel?.is_mpim) {
      return { ok: false, problem: t.directMessageShort };
    }
    if (channel?.is_archived) return { ok: false, problem: t.archived({ channel: where }) };
    if (channel?.is_member !== true) return { ok: false, problem: t.notMember({ channel: where, invite: t.invite }) };
    return { ok: true, channelId };
  } catch (err) {
    if (err instanceof webApi.WebAPIPlatformError && err.data.error === 'channel_not_found') {
      return { ok: false, problem: t.cannotSee({ invite: t.invite }) };
    }
    throw err;
  }
}
