import type {
  DeliverySummary,
  EventSummary,
  ListenerOverview,
  RefusalSummary,
} from '../../../src/store/ops-queries.js';

/** The bodies of the ops API, as the tests read them (the store's own types). */
export interface ListenersBody {
  readonly listeners: ListenerOverview[];
}
export interface EventsBody {
  readonly events: EventSummary[];
  readonly nextBefore?: string;
}
export interface DeliveriesBody {
  readonly deliveries: DeliverySummary[];
}
export interface RefusalsBody {
  readonly refusals: RefusalSummary[];
}
export type { DeliverySummary, EventSummary, ListenerOverview, RefusalSummary };

/**
 * The listener a stack declared under a logical id.
 * @example
 * const parcel = listenerOf(body, 'ParcelWeighedListener');
 */
export function listenerOf(body: ListenersBody, logicalId: string, stack?: string): ListenerOverview {
  const found = body.listeners.find(
    (listener) =>
      listener.logicalId === logicalId && (stack === undefined || listener.stackId.includes(`/${stack}/`)),
  );
  if (!found)
    throw new Error(`no listener ${logicalId} among ${body.listeners.map((l) => l.logicalId).join(', ')}`);
  return found;
}
