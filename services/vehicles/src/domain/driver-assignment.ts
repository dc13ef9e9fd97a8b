import { changeDriver } from './availability.js';
import type { Vehicle } from './vehicle.js';
import type { VehicleEvent } from './vehicle-events.js';

/** The vehicles an assignment changed, in the order they must be written, and its events. */
export interface Assignment {
  /** The vehicle the driver leaves (if any) first: one driver drives at most one vehicle. */
  readonly changed: readonly Vehicle[];
  readonly target: Vehicle;
  readonly events: readonly VehicleEvent[];
}

/**
 * Gives `target` the driver `driverId` (or none). A driver who drives another vehicle (`holder`)
 * is moved: that vehicle loses its driver first, and both vehicles tell the fleet
 * (`driverAssigned`, and `vehicleStatusChanged` for a vehicle that goes offline).
 * @example
 * const { changed, target, events } = assignDriver(vehicle, holder, 'user-id', new Date());
 */
export function assignDriver(
  target: Vehicle,
  holder: Vehicle | undefined,
  driverId: string | null,
  now: Date,
): Assignment {
  if (target.driverId === driverId) return { changed: [], target, events: [] };
  const left =
    holder && holder.id !== target.id && driverId !== null && holder.driverId === driverId
      ? changeDriver(holder, null, now)
      : undefined;
  const assigned = changeDriver(target, driverId, now);
  return {
    changed: [...(left ? [left.vehicle] : []), assigned.vehicle],
    target: assigned.vehicle,
    events: [...(left?.events ?? []), ...assigned.events],
  };
}
