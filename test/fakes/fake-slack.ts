import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call the bot made, with the form decoded and `blocks` parsed. */
export interface WebApiCall {
  method: string;
  token: string | null;
  args: Record<string, unknown>;
  /** Answered 429 (limitPostsPerChannel). */
  rateLimited?: boolean;
  /** The answer's `ok` (absent for 429s). */
  ok?: boolean;
}

/** A scripted HTTP failure: the status, and a Retry-After in seconds (sent when given). */
export interface HttpFailure {
  status: number;
  retryAfterSeconds?: number;
}

/** One POST the bot made to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export const FAKE_TEAM_ID = 'T0FAKE001';
export const FAKE_BOT_USER_ID = 'U0QUOTABOT';
/** users.info reports this user as a workspace admin (others are regular members unless made admins). */
export const FAKE_ADMIN_USER_ID = 'U0ADMIN001';
/** The channel slash commands come from by default (slashCommandBody); the bot is a member. */
export const FAKE_CHANNEL_ID = 'C0CHANNEL1';

/** A workspace that oauth.v2.access grants an install for (see FakeSlack.grantInstall). */
export interface FakeInstall {
  teamId: string;
  teamName?: string;
  botToken: string;
  botUserId?: string;
  appId?: string;
}

/** A channel as conversations.info / conversations.list describe it. */
export interface FakeChannel {
  name: string;
  isMember: boolean;
  isArchived?: boolean;
  isPrivate?: boolean;
}

/**
 * A loopback stand-in for Slack: the Web API under /api/ (point clientOptions.slackApiUrl at `apiUrl`) and
 * response_urls under /response/ID. Records everything; failures can be scripted per Web API method.
 */
export interface FakeSlack {
  readonly apiUrl: string;
  responseUrl(id: string): string;
  readonly calls: WebApiCall[];
  readonly responses: ResponseUrlPost[];
  /** Answer a Web API method with this body (e.g. { ok: false, error: 'invalid_auth' }) from now on. */
  failMethod(method: string, body: Record<string, unknown>): void;
  /** Users that users.info reports as workspace admins (default: FAKE_ADMIN_USER_ID). */
  readonly admins: Set<string>;
  /** Slack locale per user (e.g. `zh-CN`), reported by users.info when asked with `include_locale`. */
  readonly locales: Map<string, string>;
  /** Users that users.info reports as bots (`is_bot: true`). */
  readonly bots: Set<string>;
  /** Users that users.info reports as deactivated (`deleted: true`). */
  readonly deletedUsers: Set<string>;
  /** Users that users.info reports as workspace owners (`is_owner: true`; admins otherwise not). */
  readonly owners: Set<string>;
  /** Makes oauth.v2.access exchange `code` (once) for an install of this workspace; auth.test then knows its token. */
  grantInstall(code: string, install: FakeInstall): void;
  /** How many times a Web API method was called. */
  countCalls(method: string): number;
  /**
   * Channels the workspace has (default: FAKE_CHANNEL_ID "mini-program-ops", bot a member). conversations.info answers
   * channel_not_found for others; chat.postMessage to a known channel the bot is not in answers not_in_channel.
   */
  readonly channels: Map<string, FakeChannel>;
  /** Answer chat.postMessage to this channel with { ok: false, error } from now on (null clears it). */
  failChannel(channelId: string, error: string | null): void;
  /** Answer 429 with Retry-After to posts in one channel closer together than `minIntervalMs` (null turns it off). */
  limitPostsPerChannel(options: { minIntervalMs: number; retryAfterSeconds: number } | null): void;
  /** Answer the next POSTs to response_url `id` with these HTTP failures, in order, then normally again. */
  failResponseUrl(id: string, failures: HttpFailure[]): void;
  /** Every POST to a response_url, failed ones included (id and the status answered). */
  readonly responseAttempts: Array<{ id: string; status: number; at: number }>;
  /** Answer the next calls of a Web API method with these HTTP failures, in order, then normally again. */
  failMethodHttp(method: string, failures: HttpFailure[]): void;
  /** Posts to this channel are recorded but never answered (a Slack that holds them); null releases nothing. */
  holdChannel(channelId: string | null): void;
  /** chat.postMessage calls that were accepted (ok: true). */
  posts(): WebApiCall[];
  /** The WebSocket URL apps.connections.open hands out (Socket Mode); until set it answers invalid_auth. */
  setSocketModeUrl(url: string | null): void;
  /** Resolves when `predicate` holds for the recorded traffic (polls), or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: WebApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const failures = new Map<string, Record<string, unknown>>();
  const admins = new Set<string>([FAKE_ADMIN_USER_ID]);
  const locales = new Map<string, string>();
  const grants = new Map<string, FakeInstall>();
  const installedTokens = new Map<string, FakeInstall>();
  const bots = new Set<string>();
  const deletedUsers = new Set<string>();
  const owners = new Set<string>();
  const channels = new Map<string, FakeChannel>([[FAKE_CHANNEL_ID, { name: 'mini-program-ops', isMember: true }]]);
  const channelFailures = new Map<string, string>();
  const responseUrlFailures = new Map<string, HttpFailure[]>();
  const methodHttpFailures = new Map<string, HttpFailure[]>();
  const responseAttempts: Array<{ id: string; status: number; at: number }> = [];
  let heldChannel: string | null = null;
  let socketModeUrl: string | null = null;
  const sendFailure = (res: ServerResponse, failure: HttpFailure) => {
    const headers: Record<string, string> = { 'content-type': 'text/plain' };
    if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
    res.writeHead(failure.status, headers).end(`fake failure ${failure.status}`);
  };
  const lastPostAt = new Map<string, number>();
  let postLimit: { minIntervalMs: number; retryAfterSeconds: number } | null = null;
  let ts = 1_700_000_000;

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      const scripted = responseUrlFailures.get(id)?.shift();
      responseAttempts.push({ id, status: scripted?.status ?? 200, at: Date.now() });
      if (scripted) return sendFailure(res, scripted);
      responses.push({ id, body: JSON.parse(raw || '{}') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = decodeArgs(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const call: WebApiCall = { method, token: auth?.startsWith('Bearer ') ? auth.slice(7) : null, args };
    calls.push(call);
    if (method === 'chat.postMessage' && heldChannel !== null && String(args.channel) === heldChannel) return;
    const httpFailure = methodHttpFailures.get(method)?.shift();
    if (httpFailure) {
      if (httpFailure.status === 429) call.rateLimited = true;
      return sendFailure(res, httpFailure);
    }
    if (method === 'chat.postMessage' && postLimit !== null) {
      const channel = String(args.channel);
      const last = lastPostAt.get(channel);
      if (last !== undefined && Date.now() - last < postLimit.minIntervalMs) {
        call.rateLimited = true;
        res.writeHead(429, { 'retry-after': String(postLimit.retryAfterSeconds) }).end();
        return;
      }
      lastPostAt.set(channel, Date.now());
    }
    const failure = failures.get(method);
    const body = failure ?? answer(method, args, call.token);
    call.ok = body.ok === true;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });

  function answer(method: string, args: Record<string, unknown>, token: string | null = null): Record<string, unknown> {
    switch (method) {
      case 'auth.test': {
        const installed = token === null ? undefined : installedTokens.get(token);
        if (installed) {
          const botUser = installed.botUserId ?? FAKE_BOT_USER_ID;
          return {
            ok: true,
            user_id: botUser,
            bot_id: `B${botUser.slice(1)}`,
            team_id: installed.teamId,
            user: 'quota-bot',
          };
        }
        return { ok: true, user_id: FAKE_BOT_USER_ID, bot_id: 'B0QUOTABOT', team_id: FAKE_TEAM_ID, user: 'quota-bot' };
      }
      case 'users.info': {
        const id = String(args.user);
        const admin = admins.has(id);
        // Like Slack: the locale is only in the answer when include_locale asks for it.
        const wantsLocale = args.include_locale === true || args.include_locale === 'true';
        const locale = wantsLocale ? locales.get(id) : undefined;
        return {
          ok: true,
          user: {
            id,
            team_id: FAKE_TEAM_ID,
            name: id.toLowerCase(),
            is_admin: admin,
            is_owner: owners.has(id),
            ...(locale ? { locale } : {}),
            ...(bots.has(id) ? { is_bot: true } : {}),
            ...(deletedUsers.has(id) ? { deleted: true } : {}),
          },
        };
      }
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const failure = channelFailures.get(channel);
        if (failure) return { ok: false, error: failure };
        const known = channels.get(channel);
        if (known?.isArchived) return { ok: false, error: 'is_archived' };
        if (known && !known.isMember) return { ok: false, error: 'not_in_channel' };
        ts += 1;
        return { ok: true, channel: args.channel, ts: `${ts}.000100`, message: { text: args.text } };
      }
      case 'conversations.info': {
        const id = String(args.channel);
        const known = channels.get(id);
        if (!known || (known.isPrivate && !known.isMember)) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: describeChannel(id, known) };
      }
      case 'conversations.list': {
        // Paginated like Slack: `limit` per page, the next page's offset as the cursor.
        const visible = [...channels].filter(([, c]) => !(c.isPrivate && !c.isMember) && !c.isArchived);
        const limit = Math.max(1, Number(args.limit ?? 100));
        const offset = Number(args.cursor ?? 0) || 0;
        const page = visible.slice(offset, offset + limit).map(([id, c]) => describeChannel(id, c));
        const next = offset + limit < visible.length ? String(offset + limit) : '';
        return { ok: true, channels: page, response_metadata: { next_cursor: next } };
      }
      case 'oauth.v2.access': {
        const grant = grants.get(String(args.code));
        if (!grant) return { ok: false, error: 'invalid_code' };
        grants.delete(String(args.code));
        installedTokens.set(grant.botToken, grant);
        // Shaped like Slack's answer for a bot-only install (no user scopes requested).
        return {
          ok: true,
          access_token: grant.botToken,
          token_type: 'bot',
          scope: 'commands,chat:write,app_mentions:read,users:read,channels:read,groups:read',
          bot_user_id: grant.botUserId ?? FAKE_BOT_USER_ID,
          app_id: grant.appId ?? 'A0QUOTABOT',
          team: { id: grant.teamId, name: grant.teamName ?? 'Acme' },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: 'U0INSTALLER' },
        };
      }
      case 'apps.connections.open':
        return socketModeUrl === null ? { ok: false, error: 'invalid_auth' } : { ok: true, url: socketModeUrl };
      case 'views.open': {
        // Slack refuses a modal without a trigger_id (and the bot's view arrives as a JSON string).
        if (typeof args.trigger_id !== 'string' || args.trigger_id === '')
          return { ok: false, error: 'invalid_trigger_id' };
        const view = typeof args.view === 'string' ? JSON.parse(args.view) : args.view;
        ts += 1;
        return { ok: true, view: { id: `V0FAKE${ts}`, ...view } };
      }
      case 'views.publish': {
        // Like Slack: a Home view needs the user, type "home" and at most 100 blocks.
        const view = typeof args.view === 'string' ? JSON.parse(args.view) : args.view;
        if (typeof args.user_id !== 'string' || args.user_id === '') return { ok: false, error: 'invalid_arguments' };
        if (view?.type !== 'home' || !Array.isArray(view.blocks) || view.blocks.length > 100) {
          return { ok: false, error: 'invalid_blocks' };
        }
        ts += 1;
        return { ok: true, view: { id: `V0HOME${ts}`, ...view } };
      }
      case 'chat.update':
        // Like Slack: the message is named by channel and ts.
        if (!args.channel || !args.ts) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      default:
        return { ok: true };
    }
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    failMethod: (method, body) => failures.set(method, body),
    admins,
    locales,
    bots,
    deletedUsers,
    owners,
    grantInstall: (code, install) => grants.set(code, { ...install }),
    countCalls: (method) => calls.filter((c) => c.method === method).length,
    channels,
    failChannel: (channelId, error) => {
      if (error === null) channelFailures.delete(channelId);
      else channelFailures.set(channelId, error);
    },
    limitPostsPerChannel: (options) => {
      postLimit = options;
    },
    failResponseUrl: (id, list) => responseUrlFailures.set(id, [...list]),
    responseAttempts,
    failMethodHttp: (method, list) => methodHttpFailures.set(method, [...list]),
    holdChannel: (channelId) => {
      heldChannel = channelId;
    },
    posts: () => calls.filter((c) => c.method === 'chat.postMessage' && c.ok === true),
    setSocketModeUrl: (url) => {
      socketModeUrl = url;
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Slack: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function decodeArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}');
  const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments']) {
    if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
  }
  return args;
}

function describeChannel(id: string, channel: FakeChannel) {
  return {
    id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: Boolean(channel.isPrivate),
    is_private: Boolean(channel.isPrivate),
    is_im: false,
    is_mpim: false,
    is_member: channel.isMember,
    is_archived: Boolean(channel.isArchived),
  };
}
