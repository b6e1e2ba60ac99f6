import { z } from 'zod';
import type { CallSpec } from './http-call.js';
import { parseWeChatJson } from './json-body.js';

/** POST JSON `{component_appid, component_appsecret, component_verify_ticket}`. */
export const COMPONENT_TOKEN_PATH = '/cgi-bin/component/api_component_token';
/** POST JSON `{component_appid, authorizer_appid, authorizer_refresh_token}`, `?component_access_token=…`. */
export const AUTHORIZER_TOKEN_PATH = '/cgi-bin/component/api_authorizer_token';

/** A token WeChat handed out and how long it lives. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresInSeconds: number;
}

/** An authorizer token plus the refresh token to use next time (WeChat may rotate it). */
export interface IssuedAuthorizerToken extends IssuedToken {
  readonly refreshToken: string;
}

const lifetime = z.coerce
  .number()
  .int()
  .positive()
  .max(31 * 24 * 3600);

const componentTokenSchema = z.object({ component_access_token: z.string().min(1), expires_in: lifetime });
const authorizerTokenSchema = z.object({
  authorizer_access_token: z.string().min(1),
  expires_in: lifetime,
  authorizer_refresh_token: z.string().min(1).optional(),
});

/** What api_component_token needs. */
export interface ComponentTokenRequest {
  componentAppId: string;
  componentSecret: string;
  ticket: string;
}

/** What api_authorizer_token needs. */
export interface AuthorizerTokenRequest {
  componentAccessToken: string;
  componentAppId: string;
  authorizerAppId: string;
  refreshToken: string;
}

/** The call that exchanges component credentials and the pushed ticket for a component_access_token. */
export function componentTokenCall(input: ComponentTokenRequest, signal?: AbortSignal): CallSpec<IssuedToken> {
  return {
    path: COMPONENT_TOKEN_PATH,
    method: 'POST',
    query: {},
    json: {
      component_appid: input.componentAppId,
      component_appsecret: input.componentSecret,
      component_verify_ticket: input.ticket,
    },
    secrets: [input.componentSecret, input.ticket],
    signal,
    parse: (text, secrets) => {
      const body = parseWeChatJson(text, componentTokenSchema, 'api_component_token', secrets);
      return { token: body.component_access_token, expiresInSeconds: body.expires_in };
    },
  };
}

/** The call that refreshes an authorizer_access_token; the answer's refresh token defaults to the one sent. */
export function authorizerTokenCall(
  input: AuthorizerTokenRequest,
  signal?: AbortSignal,
): CallSpec<IssuedAuthorizerToken> {
  return {
    path: AUTHORIZER_TOKEN_PATH,
    method: 'POST',
    query: { component_access_token: input.componentAccessToken },
    json: {
      component_appid: input.componentAppId,
      authorizer_appid: input.authorizerAppId,
      authorizer_refresh_token: input.refreshToken,
    },
    secrets: [input.componentAccessToken, input.refreshToken],
    signal,
    parse: (text, secrets) => {
      const body = parseWeChatJson(text, authorizerTokenSchema, 'api_authorizer_token', secrets);
      return {
        token: body.authorizer_access_token,
        expiresInSeconds: body.expires_in,
        refreshToken: body.authorizer_refresh_token ?? input.refreshToken,
      };
    },
  };
}
