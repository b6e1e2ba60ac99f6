import type { IncomingMessage, ServerResponse } from 'node:http';

/** The numbers queryquota answers for an authorizer, in WeChat's casing. */
export interface FakeAuthorizerQuota {
  rest: number;
  limit: number;
  speedup_rest: number;
  speedup_limit: number;
}

/**
 * WeChat's third-party platform as the fake plays it: api_component_token and api_authorizer_token issue tokens
 * with real (configurable, short) lifetimes, refreshes are counted, and queryquota accepts an issued authorizer
 * token only while it lives and is the latest (or within `supersededGraceMs` of being replaced).
 */
export interface FakeComponentPlatform {
  addComponent(appId: string, secret: string): void;
  /** The ticket api_component_token accepts for the component (what the test pushed). */
  setTicket(appId: string, ticket: string): void;
  addAuthorizer(appId: string, options: { refreshToken: string; quota: FakeAuthorizerQuota }): void;
  /** Lifetimes of issued tokens in seconds (WeChat: 7200 each). */
  setLifetimes(lifetimes: { component?: number; authorizer?: number }): void;
  /** Each api_authorizer_token call hands out a new refresh token (`rotated-N`) and invalidates the old one. */
  rotateRefreshTokens(on: boolean): void;
  /** How long a replaced authorizer token keeps working (WeChat: about 5 minutes; default 0, strict). */
  supersededGraceMs: number;
  /** Delay of the token endpoints, to widen race windows. */
  setTokenLatency(ms: number): void;
  /**
   * Holds one token endpoint's answers for `ms` (0 ends it), for kill tests. `decided: 'after-hold'` (default): WeChat
   * acts only when the hold ends, and not at all if the caller has gone by then (the request never took effect).
   * `'before-hold'`: WeChat acts at once (e.g. rotates the refresh token) and only the answer is held, maybe lost.
   */
  holdEndpoint(endpoint: 'component' | 'authorizer', ms: number, decided?: 'after-hold' | 'before-hold'): void;
  /** The next calls of a token endpoint answer these errcodes, one per call. */
  failNext(endpoint: 'component' | 'authorizer', ...errcodes: number[]): void;
  /** Simulates another system refreshing the authorizer's token: the bot's current token stops being the latest. */
  refreshBehindTheBot(authorizerAppId: string): string;
  /** The mini program withdraws its authorization: its tokens and refreshes answer 61003 from now on. */
  deauthorize(authorizerAppId: string): void;
  /** The refresh token the fake currently accepts for the authorizer. */
  refreshTokenOf(authorizerAppId: string): string | undefined;
  readonly counts: { component: number; authorizer: number };
  /** Every JSON body the token endpoints received (for redaction and request-shape checks). */
  readonly requests: Array<{ path: string; body: Record<string, unknown>; query: string }>;
  /** Answers the request if it is the platform's (token endpoints, or queryquota with an issued token). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

const COMPONENT_PATH = '/cgi-bin/component/api_component_token';
const AUTHORIZER_PATH = '/cgi-bin/component/api_authorizer_token';

/** Creates the platform; the fake WeChat server routes to `handle` first. */
export function createFakeComponentPlatform(): FakeComponentPlatform {
  const components = new Map<string, { secret: string; ticket: string | null }>();
  const authorizers = new Map<string, { refreshToken: string; quota: FakeAuthorizerQuota; latest: string | null }>();
  const issued = new Map<
    string,
    { kind: 'component' | 'authorizer'; appId: string; expiresAt: number; replacedAt?: number }
  >();
  const failures = { component: [] as number[], authorizer: [] as number[] };
  const deauthorized = new Set<string>();
  const lifetimes = { component: 7200, authorizer: 7200 };
  let rotate = false;
  let latencyMs = 0;
  const holds = {
    component: { ms: 0, decided: 'after-hold' as 'after-hold' | 'before-hold' },
    authorizer: { ms: 0, decided: 'after-hold' as 'after-hold' | 'before-hold' },
  };
  let sequence = 0;
  const counts = { component: 0, authorizer: 0 };
  const requests: FakeComponentPlatform['requests'] = [];

  const issue = (kind: 'component' | 'authorizer', appId: string) => {
    const token = `${kind === 'component' ? 'cat' : 'aat'}-${appId}-${++sequence}`;
    issued.set(token, { kind, appId, expiresAt: Date.now() + lifetimes[kind] * 1000 });
    return token;
  };
  const usable = (token: string, kind: 'component' | 'authorizer') => {
    const entry = issued.get(token);
    if (!entry || entry.kind !== kind) return 40001;
    if (deauthorized.has(entry.appId)) return 61003;
    if (entry.expiresAt <= Date.now()) return 42001;
    if (entry.replacedAt !== undefined && entry.replacedAt + platform.supersededGraceMs <= Date.now()) return 40001;
    return 0;
  };
  const newAuthorizerToken = (appId: string) => {
    const authorizer = authorizers.get(appId);
    if (!authorizer) throw new Error(`unknown authorizer ${appId}`);
    const previous = authorizer.latest ? issued.get(authorizer.latest) : undefined;
    if (previous) previous.replacedAt = Date.now();
    authorizer.latest = issue('authorizer', appId);
    return authorizer.latest;
  };

  function tokenEndpoint(path: string, body: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
    requests.push({ path, body, query: query.toString() });
    if (path === COMPONENT_PATH) {
      counts.component += 1;
      const scripted = failures.component.shift();
      if (scripted !== undefined)
        return {
          errcode: scripted,
          errmsg: `fake ${scripted} component_appsecret=${String(body.component_appsecret)}`,
        };
      const component = components.get(String(body.component_appid));
      if (!component || component.secret !== body.component_appsecret)
        return { errcode: 40125, errmsg: 'invalid appsecret' };
      if (component.ticket === null || component.ticket !== body.component_verify_ticket) {
        return { errcode: 61006, errmsg: 'component ticket is invalid' };
      }
      return {
        component_access_token: issue('component', String(body.component_appid)),
        expires_in: lifetimes.component,
      };
    }
    counts.authorizer += 1;
    const scripted = failures.authorizer.shift();
    if (scripted !== undefined) return { errcode: scripted, errmsg: `fake ${scripted}` };
    const componentCheck = usable(query.get('component_access_token') ?? '', 'component');
    if (componentCheck !== 0) return { errcode: componentCheck, errmsg: 'invalid component_access_token' };
    if (deauthorized.has(String(body.authorizer_appid))) return { errcode: 61003, errmsg: 'not authorized' };
    const authorizer = authorizers.get(String(body.authorizer_appid));
    if (!authorizer || authorizer.refreshToken !== body.authorizer_refresh_token) {
      return { errcode: 61023, errmsg: 'invalid refresh_token' };
    }
    if (rotate) authorizer.refreshToken = `rotated-${++sequence}`;
    return {
      authorizer_access_token: newAuthorizerToken(String(body.authorizer_appid)),
      expires_in: lifetimes.authorizer,
      authorizer_refresh_token: authorizer.refreshToken,
    };
  }

  const platform: FakeComponentPlatform = {
    supersededGraceMs: 0,
    counts,
    requests,
    addComponent: (appId, secret) => components.set(appId, { secret, ticket: null }),
    setTicket: (appId, ticket) => {
      const component = components.get(appId);
      if (component) component.ticket = ticket;
    },
    addAuthorizer: (appId, options) => authorizers.set(appId, { ...options, latest: null }),
    setLifetimes: (next) => Object.assign(lifetimes, next),
    rotateRefreshTokens: (on) => {
      rotate = on;
    },
    setTokenLatency: (ms) => {
      latencyMs = ms;
    },
    holdEndpoint: (endpoint, ms, decided = 'after-hold') => {
      holds[endpoint] = { ms, decided };
    },
    failNext: (endpoint, ...errcodes) => failures[endpoint].push(...errcodes),
    refreshBehindTheBot: (appId) => newAuthorizerToken(appId),
    deauthorize: (appId) => deauthorized.add(appId),
    refreshTokenOf: (appId) => authorizers.get(appId)?.refreshToken,
    handle(req, res, url) {
      if (url.pathname === COMPONENT_PATH || url.pathname === AUTHORIZER_PATH) {
        readJson(req).then((body) => {
          const hold = holds[url.pathname === COMPONENT_PATH ? 'component' : 'authorizer'];
          if (hold.ms > 0) {
            if (hold.decided === 'before-hold') {
              const decided = tokenEndpoint(url.pathname, body, url.searchParams);
              setTimeout(() => sendJson(res, decided), hold.ms);
            } else {
              let gone = false;
              res.on('close', () => (gone = !res.writableFinished));
              setTimeout(() => gone || sendJson(res, tokenEndpoint(url.pathname, body, url.searchParams)), hold.ms);
            }
            return;
          }
          const answer = () => sendJson(res, tokenEndpoint(url.pathname, body, url.searchParams));
          if (latencyMs > 0) setTimeout(answer, latencyMs);
          else answer();
        });
        return true;
      }
      const token = url.searchParams.get('access_token');
      const entry = token ? issued.get(token) : undefined;
      if (url.pathname !== '/wxa/queryquota' || token === null || entry === undefined) return false;
      const errcode = usable(token, 'authorizer');
      const quota = authorizers.get(entry.appId)?.quota;
      sendJson(
        res,
        errcode === 0 && quota ? { errcode: 0, errmsg: 'ok', ...quota } : { errcode, errmsg: `fake ${errcode}` },
      );
      return true;
    },
  };
  return platform;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}

function sendJson(res: ServerResponse, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
