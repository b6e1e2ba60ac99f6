import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import type { DatabaseSchema } from './schema.js';

// Tickets are kept per workspace and component appid: a push counts for a workspace only when that workspace's own
// callback token and EncodingAESKey authenticate it, so one workspace can never plant a ticket in another's.

type Db = Kysely<DatabaseSchema>;

/** WeChat documents a component_verify_ticket as valid for 12 hours. */
export const TICKET_LIFETIME_MS = 12 * 60 * 60 * 1000;

function ticketContext(teamId: string, componentAppId: string): string {
  return `component-ticket:${teamId}:${componentAppId}`;
}

/** A ticket as stored, with when WeChat created it and when it stops being valid. */
export interface StoredTicket {
  readonly ticket: string;
  readonly pushedAt: Date;
  readonly receivedAt: Date;
  readonly expiresAt: Date;
}

/**
 * Stores the ticket, sealed, unless a newer push (by CreateTime) is already stored: pushes can arrive out of order.
 * True when this ticket is now the stored one.
 */
export async function storeTicket(
  db: Db,
  box: SecretBox,
  input: { teamId: string; componentAppId: string; ticket: string; pushedAt: Date; receivedAt: Date },
): Promise<boolean> {
  const row = {
    team_id: input.teamId,
    component_appid: input.componentAppId,
    ticket: box.seal(input.ticket, ticketContext(input.teamId, input.componentAppId)),
    pushed_at: input.pushedAt.toISOString(),
    received_at: input.receivedAt.toISOString(),
    expires_at: new Date(input.receivedAt.getTime() + TICKET_LIFETIME_MS).toISOString(),
  };
  const result = await db
    .insertInto('component_tickets')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'component_appid'])
        .doUpdateSet({
          ticket: row.ticket,
          pushed_at: row.pushed_at,
          received_at: row.received_at,
          expires_at: row.expires_at,
        })
        .where('component_tickets.pushed_at', '<=', row.pushed_at),
    )
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/**
 * The workspace's latest ticket for the component, or null when none was received. A ticket that cannot be opened
 * (the encryption key changed) also reads as null: the next push, at most 10 minutes away, replaces it.
 */
export async function readTicket(db: Db, box: SecretBox, teamId: string, componentAppId: string) {
  const row = await db
    .selectFrom('component_tickets')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('component_appid', '=', componentAppId)
    .executeTakeFirst();
  if (row === undefined) return null;
  let ticket: string;
  try {
    ticket = box.open(row.ticket, ticketContext(teamId, componentAppId));
  } catch {
    return null;
  }
  const stored: StoredTicket = {
    ticket,
    pushedAt: new Date(row.pushed_at),
    receivedAt: new Date(row.received_at),
    expiresAt: new Date(row.expires_at),
  };
  return stored;
}

/** When each of the workspace's components last got a ticket (for `/quota status`; no secret leaves). */
export async function listTicketTimes(db: Db, teamId: string) {
  const rows = await db
    .selectFrom('component_tickets')
    .select(['component_appid', 'received_at', 'expires_at'])
    .where('team_id', '=', teamId)
    .execute();
  return new Map(
    rows.map((row) => [
      row.component_appid,
      { receivedAt: new Date(row.received_at), expiresAt: new Date(row.expires_at) },
    ]),
  );
}
