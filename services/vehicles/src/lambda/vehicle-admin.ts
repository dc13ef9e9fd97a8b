import type { PgConnection } from '@motorcade/lambda';
import { VehicleAdmin } from '../domain/vehicle-admin.js';
import { PgVehicleStore } from '../store/vehicle-store.js';
import { outboxPublisher } from './outbox-publisher.js';

/**
 * The vehicles API's domain wired to PostgreSQL and, through the outbox, the event bus.
 * @example
 * const vehicle = await vehicleAdminOn(db).get(caller, vehicleId);
 */
export function vehicleAdminOn(db: PgConnection): VehicleAdmin {
  return new VehicleAdmin(new PgVehicleStore(db), outboxPublisher(db));
}
