import { EventBusError, EventBusErrorCode, ListenerNotFoundError } from './errors.js';
import { listenerFilter } from './listener-definition.js';
import type { DeliveryLedger, EventScan, ListenerStore, ReplayStart, SweepTrigger } from './ports.js';

/** The most events one replay request looks at; a longer replay continues from `nextFromEventId`. */
export const MAX_REPLAY_PAGE = 10_000;

/** What replay needs. */
export interface ReplayDependencies {
  readonly listeners: Pick<ListenerStore, 'find'>;
  readonly events: EventScan;
  readonly ledger: Pick<DeliveryLedger, 'scheduleReplay'>;
  readonly trigger: SweepTrigger;
}

/** What one replay request did. */
export interface ReplayResult {
  readonly listenerId: number;
  /** Events of the listener's type looked at. */
  readonly scanned: number;
  /** Of those, the ones its filter matches, now due for delivery. */
  readonly scheduled: number;
  /** Where to continue when the page was full. */
  readonly nextFromEventId?: string;
}

/**
 * Redelivers the log, from an event id or a time on, to one listener: the events of its type that
 * its current filter matches become due deliveries (new ones, or old ones reset with a fresh retry
 * budget), and the sweep is woken to deliver them. One request covers at most `limit` events.
 * @example
 * const result = await replay(3, { fromEventId: '1200' }, 1000, deps);
 */
export async function replay(
  listenerId: number,
  start: ReplayStart,
  limit: number,
  deps: ReplayDependencies,
): Promise<ReplayResult> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REPLAY_PAGE) {
    throw new EventBusError(
      EventBusErrorCode.invalidReplay,
      `limit must be between 1 and ${MAX_REPLAY_PAGE}`,
    );
  }
  const listener = await deps.listeners.find(listenerId);
  if (!listener) throw new ListenerNotFoundError(listenerId);
  const events = await deps.events.scan(listener.eventType, start, limit + 1);
  const page = events.slice(0, limit);
  const filter = listenerFilter(listener.filter, listener.filterLoose);
  const wanted = page
    .filter((event) => filter.matches(JSON.parse(event.detailJson)))
    .map((event) => event.id);
  const scheduled = wanted.length === 0 ? 0 : await deps.ledger.scheduleReplay(listenerId, wanted);
  if (scheduled > 0) await deps.trigger.wake(`replay to listener ${listenerId}`);
  const next = events[limit];
  return { listenerId, scanned: page.length, scheduled, ...(next ? { nextFromEventId: next.id } : {}) };
}
