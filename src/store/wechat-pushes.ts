import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';

// Pushes belong to a component, which may serve several workspaces: this table is not team-scoped and holds no secret.

type Db = Kysely<DatabaseSchema>;

/** An authenticated push, as recorded. */
export interface PushRecord {
  /** msg_signature and nonce: the same pair twice is a replay (or WeChat's own retry). */
  readonly dedupeKey: string;
  readonly componentAppId: string;
  readonly infoType: string;
  readonly authorizerAppId: string | null;
  readonly pushedAt: Date | null;
  readonly receivedAt: Date;
}

/** Records the push; false when the same push was recorded before, so the caller acts on it only once. */
export async function recordPush(db: Db, push: PushRecord): Promise<boolean> {
  const result = await db
    .insertInto('wechat_pushes')
    .values({
      id: randomUUID(),
      dedupe_key: push.dedupeKey,
      component_appid: push.componentAppId,
      info_type: push.infoType,
      authorizer_appid: push.authorizerAppId,
      pushed_at: push.pushedAt?.toISOString() ?? null,
      received_at: push.receivedAt.toISOString(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/** Forgets pushes received before `olderThan`; returns how many. */
export async function prunePushes(db: Db, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('wechat_pushes')
    .where('received_at', '<', olderThan.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The most recent pushes of a component, newest first (for tests and operators). */
export async function listPushes(db: Db, componentAppId: string, limit = 20) {
  return db
    .selectFrom('wechat_pushes')
    .select(['info_type', 'authorizer_appid', 'pushed_at', 'received_at'])
    .where('component_appid', '=', componentAppId)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
}

/** Forgets one recorded push, so WeChat's redelivery is acted on after the first attempt failed half-way. */
export async function forgetPush(db: Db, dedupeKey: string): Promise<void> {
  await db.deleteFrom('wechat_pushes').where('dedupe_key', '=', dedupeKey).execute();
}
