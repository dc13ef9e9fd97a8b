import type { Queryable } from './database.js';

/** An envelope waiting in the outbox. */
export interface OutboxEntry {
  readonly id: string;
  readonly envelope: unknown;
}

/**
 * Puts envelopes in the outbox, in the transaction of the decision that made them, and returns
 * their entries in order.
 * @example
 * const entries = await enqueueEnvelopes(tx, envelopes);
 */
export async function enqueueEnvelopes(tx: Queryable, envelopes: readonly unknown[]): Promise<OutboxEntry[]> {
  if (envelopes.length === 0) return [];
  const { rows } = await tx.query<{ id: string; envelope: unknown }>(
    `INSERT INTO allocation.outbox (envelope)
     SELECT value FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n) ORDER BY n
     RETURNING id::text AS id, envelope`,
    [JSON.stringify(envelopes)],
  );
  return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

/**
 * Marks entries posted.
 * @example
 * await markPosted(db, [entry.id]);
 */
export async function markPosted(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    'UPDATE allocation.outbox SET posted_at = now() WHERE id = ANY($1::bigint[]) AND posted_at IS NULL',
    [[...ids]],
  );
}

/**
 * Claims entries left unposted for longer than `olderThanSeconds` (their poster crashed or failed),
 * oldest first, locking them so two sweeps do not post the same ones. Call inside a transaction.
 * @example
 * const leftovers = await claimLeftovers(tx, 10, 500);
 */
export async function claimLeftovers(
  tx: Queryable,
  olderThanSeconds: number,
  limit: number,
): Promise<OutboxEntry[]> {
  const { rows } = await tx.query<OutboxEntry>(
    `SELECT id::text AS id, envelope FROM allocation.outbox
     WHERE posted_at IS NULL AND created_at < now() - make_interval(secs => $1)
     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [olderThanSeconds, limit],
  );
  return rows;
}

/**
 * Deletes entries posted more than `days` ago; the bus keeps the events themselves.
 * @example
 * await prunePosted(db, 7);
 */
export async function prunePosted(db: Queryable, days: number): Promise<number> {
  const { rowCount } = await db.query(
    'DELETE FROM allocation.outbox WHERE posted_at < now() - make_interval(days => $1)',
    [days],
  );
  return rowCount ?? 0;
}
