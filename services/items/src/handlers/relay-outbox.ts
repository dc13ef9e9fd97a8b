import { logger, schedule } from '@motorcade/lambda';
import { database } from '../lambda/database.js';
import { itemsOutbox } from '../store/outbox.js';

// Runs once a minute: no connection is held between runs.
const db = database('close-after-invocation');

/** Events younger than this are still being posted by the function that stored them. */
const GRACE_SECONDS = 10;
/** At most this many per run; a backlog drains over the following minutes. */
const BATCH = 500;
/** Posted events are kept this long, for looking into what was sent. */
const KEEP_POSTED_DAYS = 7;

/**
 * `RelayOutbox` (every minute): posts the events whose function stored them but did not post them
 * (a crash, a timeout, the bus unreachable), so no stored item lacks its event for long.
 */
export const handler = schedule({
  action: 'relayOutbox',
  connections: [db],
  handler: async () => {
    const { pending, posted } = await itemsOutbox.relay(db, { graceSeconds: GRACE_SECONDS, limit: BATCH });
    const pruned = await itemsOutbox.prune(db, KEEP_POSTED_DAYS);
    if (pending > 0 || pruned > 0) logger.info('Outbox relayed', { pending, posted, pruned });
  },
});
