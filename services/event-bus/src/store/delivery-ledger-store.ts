import type { ClaimedDelivery, DeliveryLedger } from '../domain/ports.js';
import type { DeliveryOutcome } from '../domain/retry-policy.js';
import { CLAIM_RETURNING, type ClaimRow, claimedDelivery } from './claim-rows.js';
import { SCHEMA, type Sql } from './sql.js';

const RECORD = `
UPDATE ${SCHEMA}.deliveries d SET
  status = o.status, attempts = o.attempts, next_attempt_at = o.next_attempt_at,
  last_error = COALESCE(o.last_error, d.last_error),
  delivered_at = CASE WHEN o.status = 'delivered' THEN now() ELSE d.delivered_at END,
  updated_at = now()
FROM unnest($1::bigint[], $2::text[], $3::int[], $4::timestamptz[], $5::text[])
  AS o(id, status, attempts, next_attempt_at, last_error)
WHERE d.id = o.id`;

// SKIP LOCKED: a second sweep running at the same time takes other rows instead of waiting.
const CLAIM_DUE = `
WITH due AS (
  SELECT id FROM ${SCHEMA}.deliveries
  WHERE status IN ('pending', 'failed') AND next_attempt_at <= now()
  ORDER BY next_attempt_at
  LIMIT $1
  FOR UPDATE SKIP LOCKED
)
UPDATE ${SCHEMA}.deliveries d SET next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
FROM due, ${SCHEMA}.listeners l, ${SCHEMA}.events e
WHERE d.id = due.id AND l.id = d.listener_id AND e.id = d.event_id
RETURNING ${CLAIM_RETURNING}`;

const REVIVE_DEAD = `
UPDATE ${SCHEMA}.deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
WHERE listener_id = $1 AND status = 'dead' AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))`;

const SCHEDULE_REPLAY = `
INSERT INTO ${SCHEMA}.deliveries (listener_id, event_id, status, next_attempt_at)
SELECT $1, event_id, 'pending', now() FROM unnest($2::bigint[]) AS event_id
ON CONFLICT (listener_id, event_id) DO UPDATE
  SET status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()`;

/**
 * The delivery records (`event_bus.deliveries`): outcomes of attempts, the retry sweep's claims,
 * dead letters brought back, replays scheduled.
 * @example
 * const ledger = new DeliveryLedgerStore(db);
 * await ledger.record(outcomes);
 */
export class DeliveryLedgerStore implements DeliveryLedger {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async record(outcomes: readonly DeliveryOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    // Not prepared: a generic plan of a join with unnest() cannot know how few rows it brings and
    // degrades as the table grows; planning it each time is the cheaper choice.
    await this.#sql.query(RECORD, [
      outcomes.map((outcome) => outcome.deliveryId),
      outcomes.map((outcome) => outcome.status),
      outcomes.map((outcome) => outcome.attempts),
      outcomes.map((outcome) => outcome.nextAttemptAt),
      outcomes.map((outcome) => outcome.error),
    ]);
  }

  async claimDue(limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.#sql.query<ClaimRow>(CLAIM_DUE, [limit, leaseSeconds]);
    return rows.map(claimedDelivery);
  }

  async reviveDead(listenerId: number, deliveryIds: readonly number[] | undefined): Promise<number> {
    const { rowCount } = await this.#sql.query(REVIVE_DEAD, [listenerId, deliveryIds ?? null]);
    return rowCount ?? 0;
  }

  async scheduleReplay(listenerId: number, eventIds: readonly string[]): Promise<number> {
    const { rowCount } = await this.#sql.query(SCHEDULE_REPLAY, [listenerId, eventIds]);
    return rowCount ?? 0;
  }
}
