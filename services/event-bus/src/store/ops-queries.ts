import type { DeliverySummaryRow, EventSummaryRow, ListenerOverviewRow, RefusalRow } from './ops-rows.js';
import type { DeliverySummary, EventSummary, ListenerOverview, RefusalSummary } from './ops-views.js';
import { SCHEMA, type Sql } from './sql.js';

export type { DeliverySummary, EventSummary, ListenerOverview, RefusalSummary } from './ops-views.js';

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

/**
 * The read side of the ops API: recent events, listeners with delivery counts and lag, a
 * listener's deliveries by status, refused events.
 * @example
 * const events = await new OpsQueries(db).recentEvents({ limit: 50 });
 */
export class OpsQueries {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** The newest events first, optionally of one type and before an id (the next page). */
  async recentEvents(options: { limit: number; beforeId?: string; type?: string }): Promise<EventSummary[]> {
    const { rows } = await this.#sql.query<EventSummaryRow>(
      // Ordered by the bigint column, not its text alias ('9' sorts after '21').
      `SELECT e.id::text AS id, e.type, e.source, e.time, e.detail::text AS detail, e.correlation_id, e.causation_id,
         e.depth, e.published_at
       FROM ${SCHEMA}.events e
       WHERE ($2::bigint IS NULL OR e.id < $2::bigint) AND ($3::text IS NULL OR e.type = $3)
       ORDER BY e.id DESC LIMIT $1`,
      [options.limit, options.beforeId ?? null, options.type ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      type: row.type,
      source: row.source,
      time: row.time.toISOString(),
      detail: JSON.parse(row.detail),
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      depth: row.depth,
      publishedAt: iso(row.published_at),
    }));
  }

  /** Every registered listener with its delivery counts, lag and progress. */
  async listeners(): Promise<ListenerOverview[]> {
    const { rows } = await this.#sql.query<ListenerOverviewRow>(
      `SELECT l.id, l.event_type, l.target_type, l.target_arn, l.filter::text AS filter, l.stack_id, l.logical_id,
         l.created_at, l.updated_at,
         count(d.id) FILTER (WHERE d.status = 'pending')::int AS pending,
         count(d.id) FILTER (WHERE d.status = 'delivered')::int AS delivered,
         count(d.id) FILTER (WHERE d.status = 'failed')::int AS failed,
         count(d.id) FILTER (WHERE d.status = 'dead')::int AS dead,
         min(d.event_id) FILTER (WHERE d.status IN ('pending', 'failed'))::text AS oldest_undelivered,
         max(d.event_id) FILTER (WHERE d.status = 'delivered')::text AS last_delivered
       FROM ${SCHEMA}.listeners l
       LEFT JOIN ${SCHEMA}.deliveries d ON d.listener_id = l.id
       WHERE l.deleted_at IS NULL
       GROUP BY l.id
       ORDER BY l.id`,
    );
    const oldest = rows.flatMap((row) => (row.oldest_undelivered ? [row.oldest_undelivered] : []));
    const times = new Map<string, Date>();
    if (oldest.length > 0) {
      const found = await this.#sql.query<{ id: string; time: Date }>(
        `SELECT id::text, time FROM ${SCHEMA}.events WHERE id = ANY($1::bigint[])`,
        [oldest],
      );
      for (const row of found.rows) times.set(row.id, row.time);
    }
    const now = Date.now();
    return rows.map((row) => {
      const since = row.oldest_undelivered ? times.get(row.oldest_undelivered) : undefined;
      return {
        id: Number(row.id),
        event: row.event_type,
        type: row.target_type,
        arn: row.target_arn,
        filter: row.filter === null ? null : JSON.parse(row.filter),
        stackId: row.stack_id,
        logicalId: row.logical_id,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        deliveries: { pending: row.pending, delivered: row.delivered, failed: row.failed, dead: row.dead },
        lagSeconds: since ? Math.max(0, (now - since.getTime()) / 1000) : 0,
        oldestUndeliveredEventId: row.oldest_undelivered,
        lastDeliveredEventId: row.last_delivered,
      };
    });
  }

  /** A listener's deliveries in one status (e.g. `dead` for its dead letters), newest first. */
  async deliveries(listenerId: number, status: string, limit: number): Promise<DeliverySummary[]> {
    const { rows } = await this.#sql.query<DeliverySummaryRow>(
      `SELECT d.id, d.event_id::text AS event_id, e.type, d.status, d.attempts, d.next_attempt_at, d.last_error,
         d.delivered_at, d.updated_at
       FROM ${SCHEMA}.deliveries d JOIN ${SCHEMA}.events e ON e.id = d.event_id
       WHERE d.listener_id = $1 AND d.status = $2
       ORDER BY d.event_id DESC LIMIT $3`,
      [listenerId, status, limit],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      eventId: row.event_id,
      eventType: row.type,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: iso(row.next_attempt_at),
      lastError: row.last_error,
      deliveredAt: iso(row.delivered_at),
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  /** The newest refusals first. */
  async refusals(limit: number): Promise<RefusalSummary[]> {
    const { rows } = await this.#sql.query<RefusalRow>(
      `SELECT id, code, message, publish_key, type, source, correlation_id, causation_id, refused_at
       FROM ${SCHEMA}.refusals ORDER BY id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      code: row.code,
      message: row.message,
      publishKey: row.publish_key,
      type: row.type,
      source: row.source,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      refusedAt: row.refused_at.toISOString(),
    }));
  }
}
