import { webApi } from '@slack/bolt';
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
  ): Promise<ChannelCheck>;
}

const INVITE = 'Invite me there first with `/invite @Quota Bot` (typed in that channel), then run this command again.';
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
    async resolve(client, teamId, ref, currentChannelId) {
      try {
        const channelId =
          ref === null ? currentChannelId : ref.kind === 'id' ? ref.id : await idOfName(client, teamId, ref.name);
        if (channelId === null) {
          const name = ref?.kind === 'name' ? ref.name : '';
          return {
            ok: false,
            problem: `I can't find a channel called #${name}. If it is private, I can't see it yet. ${INVITE}`,
          };
        }
        if (channelId.startsWith('D')) {
          return {
            ok: false,
            problem:
              'Digests and alerts go to a channel, not a direct message. Name a channel, e.g. `/quota subscribe #mini-program-ops`.',
          };
        }
        return await checkMembership(client, channelId);
      } catch (err) {
        deps.logger.warn({ err, teamId }, 'could not check a channel with Slack');
        return { ok: false, problem: 'I could not check that channel with Slack just now. Try again in a minute.' };
      }
    },
  };
}

async function checkMembership(client: webApi.WebClient, channelId: string): Promise<ChannelCheck> {
  const where = `<#${channelId}>`;
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_im || channel?.is_mpim) {
      return {
        ok: false,
        problem: 'Digests and alerts go to a channel, not a direct message. Name a channel instead.',
      };
    }
    if (channel?.is_archived)
      return { ok: false, problem: `${where} is archived, so I can't post there. Pick another channel.` };
    if (channel?.is_member !== true)
      return { ok: false, problem: `I'm not a member of ${where}, so I can't post there. ${INVITE}` };
    return { ok: true, channelId };
  } catch (err) {
    if (err instanceof webApi.WebAPIPlatformError && err.data.error === 'channel_not_found') {
      return {
        ok: false,
        problem: `I can't see that channel: it doesn't exist, or it is private and I'm not in it. ${INVITE}`,
      };
    }
    throw err;
  }
}
