import { logger, type PgConnection } from '@motorcade/lambda';
import type { AllocationDeps } from '../service/ports.js';
import { nearestVehiclesVia } from './nearest-vehicles.js';
import { allocationSettings, nearestVehiclesArn } from './settings.js';

/**
 * The service's dependencies as deployed: this database connection, tracking's NearestVehicles,
 * the template's settings, the wall clock and the Powertools logger. (Events go through the
 * outbox, which posts to the bus's SendEvent, `SEND_EVENT_ARN`.)
 * @example
 * const deps = deployedDependencies(db);
 */
export function deployedDependencies(db: PgConnection): AllocationDeps {
  return {
    db,
    nearest: nearestVehiclesVia(nearestVehiclesArn()),
    settings: allocationSettings(),
    clock: () => new Date(),
    log: (message, fields) => logger.warn(message, fields ?? {}),
  };
}
