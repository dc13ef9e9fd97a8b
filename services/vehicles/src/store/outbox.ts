import { eventOutbox } from '@motorcade/lambda';

/**
 * `vehicles.outbox` (migration 0002): commands stage their events in the transactions that make
 * them, publish them after the commit, and `RelayOutbox` posts what was not.
 * @example
 * await vehiclesOutbox.publish(db, staged);
 */
export const vehiclesOutbox = eventOutbox({ schema: 'vehicles' });
