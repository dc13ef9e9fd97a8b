import type { Availability, Vehicle } from './vehicle.js';
import type { VehicleEvent } from './vehicle-events.js';

/** Reads and writes of the vehicles table; every one names the organisation. */
export interface VehicleRepository {
  /** @throws VehiclesError `PLATE_TAKEN` when the organisation has a vehicle with the plate */
  insert(vehicle: Vehicle): Promise<Vehicle>;
  list(orgId: string, filter: { readonly availability?: Availability }): Promise<Vehicle[]>;
  /** `forUpdate` locks the row until the transaction ends. */
  find(
    orgId: string,
    vehicleId: string,
    options?: { readonly forUpdate?: boolean },
  ): Promise<Vehicle | undefined>;
  findByDriver(
    orgId: string,
    driverId: string,
    options?: { readonly forUpdate?: boolean },
  ): Promise<Vehicle | undefined>;
  findByName(orgId: string, name: string): Promise<Vehicle | undefined>;
  /**
   * Writes every mutable field of the vehicle.
   * @throws VehiclesError `PLATE_TAKEN`, or `DRIVER_ASSIGNMENT_CONFLICT` when another vehicle got the driver meanwhile
   */
  save(vehicle: Vehicle): Promise<Vehicle>;
}

/** The vehicles table, with transactions. */
export interface VehicleStore extends VehicleRepository {
  /** Runs `work` in one transaction (committed when it returns, rolled back when it throws). */
  transaction<T>(work: (repository: VehicleRepository) => Promise<T>): Promise<T>;
}

/** Where the domain's events go (the event bus, through `postEvent`). */
export interface EventPublisher {
  /** Posts the events in order; called only after the change they describe is committed. */
  publish(events: readonly VehicleEvent[]): Promise<void>;
}
