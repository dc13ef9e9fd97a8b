import { eventOutbox } from '@motorcade/lambda';

/**
 * `allocation.outbox` (migrations 0001 and 0002): a decision stages the events it emits in its
 * transaction, they are published after the commit, and the sweep relays what was not.
 * @example
 * await allocationOutbox.publish(db, staged);
 */
export const allocationOutbox = eventOutbox({ schema: 'allocation' });
