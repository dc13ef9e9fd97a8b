import type { LoggedEvent } from '../domain/bus-event.js';
import type { EventScan, ReplayStart } from '../domain/ports.js';
import { EVENT_COLUMNS, type EventRow, loggedEvent } from './event-rows.js';
import { SCHEMA, type Sql } from './sql.js';

/**
 * Reads the log in id order for replay: the events of one type from an id or a time on.
 * @example
 * const page = await new EventScanStore(db).scan('orderPlaced', { fromEventId: '100' }, 1000);
 */
export class EventScanStore implements EventScan {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async scan(type: string, from: ReplayStart, limit: number): Promise<LoggedEvent[]> {
    const [condition, value] =
      'fromEventId' in from
        ? ['e.id >= $2::bigint', from.fromEventId]
        : // The first id at or after the time bounds the id range, so the (type, id) index serves both.
          [
            `e.time >= $2::timestamptz AND e.id >= (SELECT min(id) FROM ${SCHEMA}.events WHERE time >= $2::timestamptz)`,
            from.fromTime,
          ];
    const { rows } = await this.#sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${SCHEMA}.events e WHERE e.type = $1 AND ${condition} ORDER BY e.id LIMIT $3`,
      [type, value, limit],
    );
    return rows.map(loggedEvent);
  }
}
