/** The kinds of vehicle the fleet knows. */
export const VEHICLE_TYPES = ['car', 'van', 'truck', 'bike', 'scooter'] as const;
/** One of {@link VEHICLE_TYPES}. */
export type VehicleType = (typeof VEHICLE_TYPES)[number];

/** Whether a vehicle can take work: `available` only when its driver is on duty and it is not busy. */
export const AVAILABILITIES = ['offline', 'available', 'busy'] as const;
/** One of {@link AVAILABILITIES}. */
export type Availability = (typeof AVAILABILITIES)[number];

/** A vehicle as stored. */
export interface Vehicle {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly plate: string;
  readonly vehicleType: VehicleType;
  readonly capacityKg: number;
  readonly availability: Availability;
  readonly onDuty: boolean;
  /** A user id of the users service, or null when nobody drives the vehicle. */
  readonly driverId: string | null;
  /** The item whose accepted allocation made the vehicle busy. */
  readonly currentItemId: string | null;
  /** The highest bus event id applied to the availability (a bigint, as a string). */
  readonly lastEventId: string | null;
  /**
   * Counts the vehicle's availability changes: one up with each, in the transaction that makes it.
   * Its events carry it as `version`, so receivers order a vehicle's changes by it rather than by the
   * bus's ids (the bus may log two changes in the other order).
   */
  readonly availabilityVersion: number;
  readonly updatedAt: Date;
}

/** A vehicle as the API shows it (docs/fleet.md). */
export interface VehicleView {
  readonly vehicleId: string;
  readonly orgId: string;
  readonly name: string;
  readonly plate: string;
  readonly vehicleType: VehicleType;
  readonly capacityKg: number;
  readonly availability: Availability;
  readonly driverId: string | null;
  readonly onDuty: boolean;
  /** The `version` of the vehicle's latest `vehicleStatusChanged` (0 before its first). */
  readonly availabilityVersion: number;
  readonly updatedAt: string;
}

/**
 * The API's view of a vehicle.
 * @example
 * return vehicleView(vehicle);
 */
export function vehicleView(vehicle: Vehicle): VehicleView {
  return {
    vehicleId: vehicle.id,
    orgId: vehicle.orgId,
    name: vehicle.name,
    plate: vehicle.plate,
    vehicleType: vehicle.vehicleType,
    capacityKg: vehicle.capacityKg,
    availability: vehicle.availability,
    driverId: vehicle.driverId,
    onDuty: vehicle.onDuty,
    availabilityVersion: vehicle.availabilityVersion,
    updatedAt: vehicle.updatedAt.toISOString(),
  };
}
