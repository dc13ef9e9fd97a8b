import type { LoggedEvent } from '../domain/bus-event.js';

/** The columns of an event as the stores select them (`detail::text`, so it is never re-serialised). */
export interface EventRow {
  readonly event_id: string;
  readonly type: string;
  readonly source: string;
  readonly time: Date;
  readonly detail: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
}

/** The select list that yields an {@link EventRow} from `events e`. */
export const EVENT_COLUMNS =
  'e.id::text AS event_id, e.type, e.source, e.time, e.detail::text AS detail, e.correlation_id, e.causation_id';

/**
 * The log's row as the domain's event.
 * @example
 * const event = loggedEvent(result.rows[0]);
 */
export function loggedEvent(row: EventRow): LoggedEvent {
  return {
    id: row.event_id,
    type: row.type,
    source: row.source,
    time: row.time.toISOString(),
    detailJson: row.detail,
    correlationId: row.correlation_id,
    ...(row.causation_id === null ? {} : { causationId: row.causation_id }),
  };
}
