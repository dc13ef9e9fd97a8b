import type { Queryable } from './database.js';

/**
 * Takes the organisation's transaction-scoped advisory lock, waiting for whoever holds it. Two
 * consumer environments may process events of one organisation at once; with every decision for
 * it made under this lock (load, decide, save in one transaction), they take turns, and each
 * decision starts from the state the previous one committed. The lock is released at COMMIT or
 * ROLLBACK. Organisations are independent, so different ones never wait for each other (barring
 * a 64-bit hash collision, which only costs a wait).
 * @example
 * await db.transaction(async (tx) => { await lockOrganisation(tx, orgId); ... });
 */
export async function lockOrganisation(tx: Queryable, orgId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('allocation:' || $1, 0))`, [orgId]);
}
