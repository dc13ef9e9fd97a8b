import type {
  AppendRequest,
  AppendResult,
  ClaimedDelivery,
  DeliveryRef,
  EventLog,
  Refusal,
} from '../domain/ports.js';
import { CLAIM_RETURNING, type ClaimRow, claimedDelivery } from './claim-rows.js';
import { loggedEvent } from './event-rows.js';
import { SCHEMA, type Sql } from './sql.js';

// One round trip: the causing event's depth, the event (unless too deep or already logged), its
// pending deliveries, and the registry version in the same snapshot, so SendEvent knows whether
// the registry it matched with was current.
const APPEND = `
WITH cause AS (
  SELECT depth FROM ${SCHEMA}.events WHERE id = $7::bigint
), next AS (
  SELECT COALESCE((SELECT depth FROM cause), 0) + 1 AS depth
), logged AS (
  INSERT INTO ${SCHEMA}.events (publish_key, type, source, detail, correlation_id, causation_id, depth, published_at)
  SELECT $1, $2, $3, $4::json, $5, $6, next.depth, $8::timestamptz FROM next WHERE next.depth <= $9
  ON CONFLICT (publish_key) DO NOTHING
  RETURNING id, time
), queued AS (
  INSERT INTO ${SCHEMA}.deliveries (listener_id, event_id, status, next_attempt_at)
  SELECT listener_id, logged.id, 'pending', now() + make_interval(secs => $11)
  FROM logged, unnest($10::bigint[]) AS listener_id
  RETURNING id, listener_id
)
SELECT next.depth, logged.id::text AS event_id, logged.time,
  (SELECT version::text FROM ${SCHEMA}.registry_version) AS registry_version,
  (SELECT COALESCE(json_agg(json_build_array(id, listener_id)), '[]'::json) FROM queued) AS deliveries
FROM next LEFT JOIN logged ON true`;

const RECONCILE = `
WITH wanted AS (
  SELECT unnest($2::bigint[]) AS listener_id
), removed AS (
  DELETE FROM ${SCHEMA}.deliveries d
  WHERE d.event_id = $1 AND d.status = 'pending' AND d.attempts = 0
    AND d.listener_id NOT IN (SELECT listener_id FROM wanted)
), added AS (
  INSERT INTO ${SCHEMA}.deliveries (listener_id, event_id, status, next_attempt_at)
  SELECT listener_id, $1, 'pending', now() + make_interval(secs => $3) FROM wanted
  ON CONFLICT (listener_id, event_id) DO NOTHING
  RETURNING id, listener_id
)
SELECT id, listener_id FROM added
UNION ALL
SELECT d.id, d.listener_id FROM ${SCHEMA}.deliveries d
WHERE d.event_id = $1 AND d.status = 'pending' AND d.attempts = 0 AND d.listener_id IN (SELECT listener_id FROM wanted)`;

const CLAIM_UNATTEMPTED = `
UPDATE ${SCHEMA}.deliveries d SET next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
FROM ${SCHEMA}.listeners l, ${SCHEMA}.events e
WHERE d.event_id = $1 AND d.status = 'pending' AND d.attempts = 0
  AND l.id = d.listener_id AND l.deleted_at IS NULL AND e.id = d.event_id
RETURNING ${CLAIM_RETURNING}`;

const REFUSE = `
INSERT INTO ${SCHEMA}.refusals (publish_key, type, source, correlation_id, causation_id, code, message)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (publish_key) DO NOTHING`;

interface AppendRow {
  readonly depth: number;
  readonly event_id: string | null;
  readonly time: Date | null;
  readonly registry_version: string;
  readonly deliveries: [number, number][];
}

/**
 * The event log in PostgreSQL (`event_bus.events`), with the deliveries SendEvent queues alongside
 * each event and the refusals.
 * @example
 * const log = new EventLogStore(db);
 * const appended = await log.append(request);
 */
export class EventLogStore implements EventLog {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    // Prepared: this statement runs for every event, and its plan does not depend on the values.
    const { rows } = await this.#sql.query<AppendRow>(
      APPEND,
      [
        request.publishKey,
        request.type,
        request.source,
        request.detailJson,
        request.correlationId,
        request.causationId ?? null,
        request.causingEventId ?? null,
        request.publishedAt,
        request.maxDepth,
        request.listenerIds,
        request.leaseSeconds,
      ],
      'event_bus_append_event',
    );
    const row = rows[0] as AppendRow;
    if (row.depth > request.maxDepth) return { kind: 'too-deep', depth: row.depth };
    if (row.event_id === null || row.time === null) {
      const existing = await this.#sql.query<{ id: string }>(
        `SELECT id::text AS id FROM ${SCHEMA}.events WHERE publish_key = $1`,
        [request.publishKey],
      );
      return { kind: 'duplicate', eventId: existing.rows[0]?.id ?? '' };
    }
    return {
      kind: 'logged',
      depth: row.depth,
      registryVersion: row.registry_version,
      deliveries: row.deliveries.map(([deliveryId, listenerId]) => ({ deliveryId, listenerId })),
      event: loggedEvent({
        event_id: row.event_id,
        type: request.type,
        source: request.source,
        time: row.time,
        detail: request.detailJson,
        correlation_id: request.correlationId,
        causation_id: request.causationId ?? null,
      }),
    };
  }

  async reconcile(
    eventId: string,
    listenerIds: readonly number[],
    leaseSeconds: number,
  ): Promise<DeliveryRef[]> {
    const { rows } = await this.#sql.query<{ id: string; listener_id: string }>(RECONCILE, [
      eventId,
      listenerIds,
      leaseSeconds,
    ]);
    return rows.map((row) => ({ deliveryId: Number(row.id), listenerId: Number(row.listener_id) }));
  }

  async claimUnattempted(eventId: string, leaseSeconds: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.#sql.query<ClaimRow>(CLAIM_UNATTEMPTED, [eventId, leaseSeconds]);
    return rows.map(claimedDelivery);
  }

  async refuse(refusal: Refusal): Promise<void> {
    await this.#sql.query(REFUSE, [
      refusal.publishKey ?? null,
      refusal.type ?? null,
      refusal.source ?? null,
      refusal.correlationId ?? null,
      refusal.causationId ?? null,
      refusal.code,
      refusal.message,
    ]);
  }
}
