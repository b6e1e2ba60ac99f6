import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../logging/logger.js';
import type { ComponentCredentials } from '../quota/types.js';
import { storeTicket } from '../store/component-tickets.js';
import { openCredentials } from '../store/provider-credentials.js';
import { findComponentProviders } from '../store/provider-state.js';
import type { DatabaseSchema } from '../store/schema.js';
import { forgetPush, prunePushes, recordPush } from '../store/wechat-pushes.js';
import { decryptPush, verifyPushSignature } from '../wechat/push-crypto.js';
import { PushXmlError, parseFlatXml } from '../wechat/push-xml.js';
import { handleUnauthorized } from './push-unauthorized.js';
import type { ReauthNotifier } from './token-resolver.js';

/** The query string WeChat signs a push with. */
export interface PushQuery {
  readonly timestamp: string;
  readonly nonce: string;
  readonly msgSignature: string;
}

/** What became of a push; `rejected` ones were not stored and get a 4xx. */
export type PushResult =
  | { readonly status: 'accepted' | 'replayed'; readonly infoType: string }
  | { readonly status: 'rejected'; readonly httpStatus: 400 | 403; readonly reason: string };

/** What the receiver needs; maxSkewMs bounds how far the push's timestamp may be from our clock. */
export interface PushReceiverDeps {
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  clock: () => Date;
  logger: Logger;
  notifyReauth: ReauthNotifier;
  maxSkewMs?: number;
}

const DEFAULT_MAX_SKEW_MS = 10 * 60_000;
const PUSH_RETENTION_MS = 7 * 24 * 60 * 60_000;
const TICKET = /^[\x21-\x7e]{1,512}$/;

/**
 * Authenticates and acts on WeChat's encrypted component pushes. The envelope's AppId names the component; the push
 * counts for every workspace whose stored callback token verifies its signature and whose EncodingAESKey decrypts it
 * to that same appid. A replay (same msg_signature and nonce) is acknowledged and ignored.
 */
export function createPushReceiver(deps: PushReceiverDeps) {
  const log = deps.logger.child({ component: 'wechat-push' });
  const maxSkewMs = deps.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const reject = (httpStatus: 400 | 403, reason: string): PushResult => ({ status: 'rejected', httpStatus, reason });

  /** The teams whose credentials authenticate the push, and the decrypted message. */
  async function authenticate(componentAppId: string, query: PushQuery, encrypt: string) {
    const teams = new Set<string>();
    let message: string | null = null;
    for (const { provider, sealedCredentials } of await findComponentProviders(deps.db, componentAppId)) {
      if (teams.has(provider.teamId)) continue;
      let credentials: ComponentCredentials;
      try {
        const opened = openCredentials(
          deps.box,
          { teamId: provider.teamId, providerId: provider.id, providerName: provider.name },
          sealedCredentials,
        );
        if (opened.kind !== 'component') continue;
        credentials = opened;
      } catch (err) {
        log.warn({ err, providerId: provider.id, teamId: provider.teamId }, 'component credentials unreadable');
        continue;
      }
      if (!verifyPushSignature(credentials.callbackToken, query, encrypt)) continue;
      try {
        message = decryptPush(credentials.encodingAesKey, encrypt, componentAppId);
        teams.add(provider.teamId);
      } catch (err) {
        log.warn({ err, providerId: provider.id, teamId: provider.teamId }, 'signed push did not decrypt');
      }
    }
    return { teams, message };
  }

  return async function receive(query: PushQuery, body: string): Promise<PushResult> {
    const now = deps.clock();
    let envelope: Record<string, string>;
    try {
      envelope = parseFlatXml(body);
    } catch (error) {
      if (error instanceof PushXmlError) return reject(400, error.message);
      throw error;
    }
    const componentAppId = envelope.AppId ?? envelope.ToUserName ?? '';
    const encrypt = envelope.Encrypt ?? '';
    if (componentAppId === '' || encrypt === '') return reject(400, 'The envelope lacks AppId or Encrypt');
    if (Math.abs(now.getTime() - Number(query.timestamp) * 1000) > maxSkewMs) return reject(403, 'stale timestamp');

    const { teams, message } = await authenticate(componentAppId, query, encrypt);
    // Unknown component and bad signature look alike from outside: no oracle for which appids are configured.
    if (teams.size === 0 || message === null) return reject(403, 'not authenticated for any configured component');
    let fields: Record<string, string>;
    try {
      fields = parseFlatXml(message);
    } catch (error) {
      if (error instanceof PushXmlError) return reject(400, `decrypted message: ${error.message}`);
      throw error;
    }
    const infoType = fields.InfoType ?? '';
    if (fields.AppId !== componentAppId || infoType === '') return reject(400, 'The message names another component');
    const createTime = Number(fields.CreateTime);
    const pushedAt = Number.isSafeInteger(createTime) && createTime > 0 ? new Date(createTime * 1000) : null;
    const ticket = fields.ComponentVerifyTicket ?? '';
    if (infoType === 'component_verify_ticket' && !TICKET.test(ticket)) return reject(400, 'The ticket is malformed');

    const dedupeKey = `${query.msgSignature.toLowerCase()}:${query.nonce}`;
    const isNew = await recordPush(deps.db, {
      dedupeKey,
      componentAppId,
      infoType: infoType.slice(0, 64),
      authorizerAppId: fields.AuthorizerAppid?.slice(0, 64) ?? null,
      pushedAt,
      receivedAt: now,
    });
    if (!isNew) return { status: 'replayed', infoType };

    try {
      if (infoType === 'component_verify_ticket') {
        for (const teamId of teams) {
          const input = { teamId, componentAppId, ticket, pushedAt: pushedAt ?? now, receivedAt: now };
          await storeTicket(deps.db, deps.box, input);
        }
      } else if (infoType === 'unauthorized' && fields.AuthorizerAppid) {
        await handleUnauthorized(deps, { teams, componentAppId, authorizerAppId: fields.AuthorizerAppid, now });
      }
    } catch (error) {
      // Both actions are idempotent: forget the push so WeChat's redelivery (after our 500) is acted on.
      await forgetPush(deps.db, dedupeKey).catch(() => undefined);
      throw error;
    }
    log.info({ componentAppId, infoType, teams: teams.size, authorizerAppId: fields.AuthorizerAppid }, 'push accepted');
    await prunePushes(deps.db, new Date(now.getTime() - PUSH_RETENTION_MS)).catch(() => undefined);
    return { status: 'accepted', infoType };
  };
}
