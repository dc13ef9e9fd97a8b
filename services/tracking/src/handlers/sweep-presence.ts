import { logger, schedule } from '@motorcade/lambda';
import { sweepSilentDevices } from '../domain/offline-sweep.js';
import { database } from '../lambda/database.js';
import { busPublisher } from '../lambda/publishers.js';
import { offlineTimeoutSeconds } from '../lambda/settings.js';
import { PgSweepStore } from '../store/sweep-store.js';

// Runs once a minute: a connection per run is cheap enough.
const db = database('close-after-invocation');

/**
 * Every minute (`rate(1 minute)`): devices silent longer than `OFFLINE_TIMEOUT_SECONDS` go
 * offline (`deviceOffline`, once), and trips whose device fell silent over an hour ago end
 * (`vehicleStopped`).
 */
export const handler = schedule({
  action: 'sweepPresence',
  connections: [db],
  handler: async () => {
    const result = await sweepSilentDevices(
      { store: new PgSweepStore(db), events: busPublisher },
      new Date(),
      offlineTimeoutSeconds(),
    );
    if (result.wentOffline > 0 || result.tripsEnded > 0) logger.info('Presence swept', { ...result });
  },
});
