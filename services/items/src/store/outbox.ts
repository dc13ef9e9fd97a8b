import { eventOutbox } from '@motorcade/lambda';

/**
 * `items.outbox` (migrations 0001 and 0002): the item store stages events in the transactions that
 * make them, handlers publish them after the commit, and `RelayOutbox` posts what was not.
 * @example
 * await itemsOutbox.publish(db, events);
 */
export const itemsOutbox = eventOutbox({ schema: 'items' });
