/**
 * What the ingestion benchmark checks its figures against: the rows `tracking.positions` holds, of
 * every device, counted in the run's database.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The stored positions (all devices). */
export async function storedCount(db) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM tracking.positions');
  return rows[0].n;
}

/**
 * Polls the table every 100 ms until it holds `expected` rows; resolves with the time
 * (`performance.now()`) it reached them, or fails after `timeoutMs` naming `what` and the count.
 */
export async function waitForRows(db, expected, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  let count = 0;
  while (performance.now() < deadline) {
    count = await storedCount(db);
    if (count >= expected) return performance.now();
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}: ${count} of ${expected} rows`);
}
