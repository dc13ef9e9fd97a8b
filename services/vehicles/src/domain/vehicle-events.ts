import type { Availability, Vehicle, VehicleType } from './vehicle.js';

/** Why a vehicle's availability changed. */
export type StatusChangeReason = 'onDuty' | 'offDuty' | 'allocated' | 'released';

/** The events the vehicles service posts, with their details as docs/fleet.md defines them. */
export type VehicleEvent =
  | {
      readonly type: 'vehicleRegistered';
      readonly detail: {
        readonly vehicleId: string;
        readonly orgId: string;
        readonly name: string;
        readonly plate: string;
        readonly vehicleType: VehicleType;
        readonly capacityKg: number;
        readonly availability: Availability;
        /** The vehicle's availability version at registration (0). */
        readonly version: number;
      };
    }
  | {
      readonly type: 'vehicleStatusChanged';
      readonly detail: {
        readonly vehicleId: string;
        readonly orgId: string;
        readonly availability: Availability;
        readonly previous: Availability;
        readonly reason: StatusChangeReason;
        /** The vehicle's availability version after this change: receivers order by it. */
        readonly version: number;
      };
    }
  | {
      readonly type: 'driverAssigned';
      readonly detail: {
        readonly vehicleId: string;
        readonly orgId: string;
        readonly driverId: string | null;
        readonly previousDriverId: string | null;
      };
    };

/**
 * `vehicleRegistered` for a new vehicle.
 * @example
 * events.push(vehicleRegistered(vehicle));
 */
export function vehicleRegistered(vehicle: Vehicle): VehicleEvent {
  return {
    type: 'vehicleRegistered',
    detail: {
      vehicleId: vehicle.id,
      orgId: vehicle.orgId,
      name: vehicle.name,
      plate: vehicle.plate,
      vehicleType: vehicle.vehicleType,
      capacityKg: vehicle.capacityKg,
      availability: vehicle.availability,
      version: vehicle.availabilityVersion,
    },
  };
}

/**
 * `vehicleStatusChanged` when the availability moved from `before` to `after`; none when it did not.
 * `version` is `after`'s availability version, which the transition has already moved on.
 * @example
 * events.push(...statusChanges(before, after, 'onDuty'));
 */
export function statusChanges(before: Vehicle, after: Vehicle, reason: StatusChangeReason): VehicleEvent[] {
  if (before.availability === after.availability) return [];
  return [
    {
      type: 'vehicleStatusChanged',
      detail: {
        vehicleId: after.id,
        orgId: after.orgId,
        availability: after.availability,
        previous: before.availability,
        reason,
        version: after.availabilityVersion,
      },
    },
  ];
}

/**
 * `driverAssigned` when the driver changed; none when it did not.
 * @example
 * events.push(...driverChanges(before, after));
 */
export function driverChanges(before: Vehicle, after: Vehicle): VehicleEvent[] {
  if (before.driverId === after.driverId) return [];
  return [
    {
      type: 'driverAssigned',
      detail: {
        vehicleId: after.id,
        orgId: after.orgId,
        driverId: after.driverId,
        previousDriverId: before.driverId,
      },
    },
  ];
}
