import {
  ConfigurationError,
  invokeAsync,
  logger,
  type PgConnection,
  SEND_EVENT_ARN_ENV,
} from '@motorcade/lambda';
import type { AllocationDeps } from '../service/ports.js';
import { nearestVehiclesVia } from './nearest-vehicles.js';
import { allocationSettings, nearestVehiclesArn } from './settings.js';

/**
 * The service's dependencies as deployed: this database connection, tracking's NearestVehicles,
 * the bus's SendEvent (`SEND_EVENT_ARN`), the template's settings, the wall clock and the
 * Powertools logger.
 * @example
 * const deps = deployedDependencies(db);
 */
export function deployedDependencies(db: PgConnection): AllocationDeps {
  const sendEventArn = process.env[SEND_EVENT_ARN_ENV];
  return {
    db,
    nearest: nearestVehiclesVia(nearestVehiclesArn()),
    post: async (envelope) => {
      if (!sendEventArn)
        throw new ConfigurationError(`${SEND_EVENT_ARN_ENV} is not set: import the bus's SendEventArn`);
      await invokeAsync(sendEventArn, envelope);
    },
    settings: allocationSettings(),
    clock: () => new Date(),
    log: (message, fields) => logger.warn(message, fields ?? {}),
  };
}
