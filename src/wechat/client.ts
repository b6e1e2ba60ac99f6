import type { Quota } from '../quota/types.js';
import {
  type AuthorizerTokenRequest,
  authorizerTokenCall,
  type ComponentTokenRequest,
  componentTokenCall,
  type IssuedAuthorizerToken,
  type IssuedToken,
} from './component-api.js';
import { createCaller, type WeChatClientOptions } from './http-call.js';
import { parseQuotaBody } from './quota-response.js';

export type { WeChatClientOptions } from './http-call.js';

/** The only path queryQuota calls; logs name it without its query string. */
const QUOTA_PATH = '/wxa/queryquota';

/** Reads the provider's code-audit quota from WeChat. */
export interface WeChatClient {
  /** GET /wxa/queryquota?access_token=… → validated Quota, or throws a WeChatError subclass. */
  queryQuota(accessToken: string, options?: { signal?: AbortSignal }): Promise<Quota>;
  /** Closes the owned Agent (an injected dispatcher stays open: its owner closes it). */
  close(): Promise<void>;
}

/** The third-party platform's token endpoints, which the bot calls to keep authorizer tokens fresh. */
export interface WeChatTokenApi {
  /** POST api_component_token: component credentials and the pushed ticket → component_access_token. */
  componentAccessToken(input: ComponentTokenRequest, options?: { signal?: AbortSignal }): Promise<IssuedToken>;
  /** POST api_authorizer_token → a fresh authorizer_access_token and the refresh token to keep. */
  authorizerAccessToken(
    input: AuthorizerTokenRequest,
    options?: { signal?: AbortSignal },
  ): Promise<IssuedAuthorizerToken>;
}

/**
 * Creates a WeChat client with bounded, jittered retries and a hard time budget per call. No credential it sends or
 * receives appears in an error message, an error's cause or a log line.
 */
export function createWeChatClient(options: WeChatClientOptions): WeChatClient & WeChatTokenApi {
  const caller = createCaller(options);
  return {
    queryQuota(accessToken, callOptions) {
      return caller.call({
        path: QUOTA_PATH,
        method: 'GET',
        query: { access_token: accessToken },
        secrets: [accessToken],
        parse: parseQuotaBody,
        signal: callOptions?.signal,
      });
    },
    componentAccessToken(input, callOptions) {
      return caller.call(componentTokenCall(input, callOptions?.signal));
    },
    authorizerAccessToken(input, callOptions) {
      return caller.call(authorizerTokenCall(input, callOptions?.signal));
    },
    close: () => caller.close(),
  };
}
