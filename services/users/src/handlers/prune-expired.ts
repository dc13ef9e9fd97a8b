import { logger, schedule } from '@motorcade/lambda';
import { pruneExpired } from '../domain/housekeeping.js';
import { database } from '../lambda/database.js';
import { PgLoginThrottleStore } from '../store/login-throttle-store.js';
import { PgRefreshTokenStore } from '../store/refresh-token-store.js';

// Runs once an hour: nothing to keep warm.
const db = database('close-after-invocation');

/** Hourly (schedule): forgets old login strikes and deletes expired refresh tokens. */
export const handler = schedule({
  action: 'pruneExpired',
  connections: [db],
  handler: async () => {
    const pruned = await pruneExpired(
      { throttle: new PgLoginThrottleStore(db), refreshTokens: new PgRefreshTokenStore(db) },
      new Date(),
    );
    logger.info('Pruned expired login state', { ...pruned });
  },
});
