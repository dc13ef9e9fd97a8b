import { logger, schedule } from '@motorcade/lambda';
import { database } from '../lambda/database.js';
import { deployedDependencies } from '../lambda/dependencies.js';
import { sweepOffers } from '../service/sweep.js';

// Once a minute: no connection is held in between.
const db = database('close-after-invocation');
const deps = deployedDependencies(db);

/**
 * Every minute (`rate(1 minute)`): posts outbox leftovers, expires offers past their deadline and
 * moves their items on, fails items that waited too long.
 */
export const handler = schedule({
  action: 'sweepOffers',
  connections: [db],
  handler: async () => {
    const summary = await sweepOffers(deps);
    logger.info('Sweep done', { ...summary });
  },
});
