import { createCipheriv, randomBytes } from 'node:crypto';
import { request } from 'undici';
import { pushSignature } from '../../src/wechat/push-crypto.js';

/** WXBizMsgCrypt encryption as WeChat does it, written independently of the bot's decrypt (for round trips). */
export function encryptPush(encodingAesKey: string, message: string, appId: string, random = randomBytes(16)): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** The decrypted XML of a component_verify_ticket push. */
export function ticketMessage(appId: string, ticket: string, createTime = Math.floor(Date.now() / 1000)): string {
  return (
    `<xml><AppId><![CDATA[${appId}]]></AppId><CreateTime>${createTime}</CreateTime>` +
    `<InfoType><![CDATA[component_verify_ticket]]></InfoType>` +
    `<ComponentVerifyTicket><![CDATA[${ticket}]]></ComponentVerifyTicket></xml>`
  );
}

/** The decrypted XML of an authorization event (`authorized`, `updateauthorized`, `unauthorized`). */
export function authorizationMessage(appId: string, infoType: string, authorizerAppId: string): string {
  return (
    `<xml><AppId><![CDATA[${appId}]]></AppId><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
    `<InfoType><![CDATA[${infoType}]]></InfoType><AuthorizerAppid><![CDATA[${authorizerAppId}]]></AuthorizerAppid></xml>`
  );
}

/** A push as WeChat sends it: the signed query string and the envelope body. */
export interface SignedPush {
  readonly query: string;
  readonly body: string;
  readonly msgSignature: string;
}

/** Encrypts `message`, wraps it in the envelope and signs it with `token`, like WeChat's push to the callback. */
export function signPush(input: {
  token: string;
  encodingAesKey: string;
  appId: string;
  message: string;
  timestamp?: number;
  nonce?: string;
  /** The appid baked into the ciphertext, when it should differ from the envelope's. */
  encryptFor?: string;
}): SignedPush {
  const encrypt = encryptPush(input.encodingAesKey, input.message, input.encryptFor ?? input.appId);
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = input.nonce ?? String(Math.floor(Math.random() * 1e9));
  const msgSignature = pushSignature(input.token, timestamp, nonce, encrypt);
  const query = new URLSearchParams({
    signature: 'unused-by-the-bot',
    timestamp,
    nonce,
    encrypt_type: 'aes',
    msg_signature: msgSignature,
  }).toString();
  const body = `<xml><AppId><![CDATA[${input.appId}]]></AppId><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  return { query, body, msgSignature };
}

/** POSTs a push to the bot's /wechat/callback; returns the status and body text. */
export async function postPush(baseUrl: string, push: { query: string; body: string }) {
  const res = await request(`${baseUrl}/wechat/callback?${push.query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: push.body,
  });
  return { status: res.statusCode, text: await res.body.text() };
}
