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
  /**
   * Stores events in the outbox. Call it inside the transaction that makes the change they
   * describe, so they are kept exactly when it commits; publish what it answers after the commit.
   */
  stage(events: readonly VehicleEvent[]): Promise<readonly StagedEvent[]>;
}

/** The vehicles table, with transactions. */
export interface VehicleStore extends VehicleRepository {
  /** Runs `work` in one transaction (committed when it returns, rolled back when it throws). */
  transaction<T>(work: (repository: VehicleRepository) => Promise<T>): Promise<T>;
}

/** An event stored in the outbox, with the envelope it is posted in (its id is the bus's publish key). */
export interface StagedEvent {
  readonly id: string;
  readonly type: string;
  readonly envelope: unknown;
}

/** Where staged events go once their transaction committed (the event bus). */
export interface EventPublisher {
  /**
   * Posts staged events in order and never throws: what could not be posted stays in the outbox,
   * and a schedule relays it.
   */
  publish(staged: readonly StagedEvent[]): Promise<void>;
}
