import type { PgConnection } from '@motorcade/lambda';
import { VEHICLES_ERROR, VehiclesError } from '../domain/errors.js';
import type { StagedEvent, VehicleRepository, VehicleStore } from '../domain/ports.js';
import type { Availability, Vehicle, VehicleType } from '../domain/vehicle.js';
import type { VehicleEvent } from '../domain/vehicle-events.js';
import { constraintOf, isUniqueViolation, isUuid, type Queryable } from './database.js';
import { vehiclesOutbox } from './outbox.js';

interface VehicleRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly plate: string;
  readonly vehicle_type: VehicleType;
  readonly capacity_kg: number;
  readonly availability: Availability;
  readonly on_duty: boolean;
  readonly driver_id: string | null;
  readonly current_item_id: string | null;
  readonly last_event_id: string | null;
  /** A bigint, which node-postgres reads as a string. */
  readonly availability_version: string;
  readonly updated_at: Date;
}

const COLUMNS =
  'id, org_id, name, plate, vehicle_type, capacity_kg, availability, on_duty, driver_id, current_item_id, last_event_id::text AS last_event_id, availability_version, updated_at';

const toVehicle = (row: VehicleRow): Vehicle => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  plate: row.plate,
  vehicleType: row.vehicle_type,
  capacityKg: row.capacity_kg,
  availability: row.availability,
  onDuty: row.on_duty,
  driverId: row.driver_id,
  currentItemId: row.current_item_id,
  lastEventId: row.last_event_id,
  availabilityVersion: Number(row.availability_version),
  updatedAt: row.updated_at,
});

/** A unique violation as the domain's error: a taken plate, or a driver another vehicle got meanwhile. */
function conflictOf(error: unknown, vehicle: Vehicle): unknown {
  if (!isUniqueViolation(error)) return error;
  if (constraintOf(error) === 'vehicles_driver')
    return new VehiclesError(
      VEHICLES_ERROR.assignmentConflict,
      `Driver ${vehicle.driverId} was assigned to another vehicle at the same time; try again`,
      { cause: error },
    );
  return new VehiclesError(VEHICLES_ERROR.plateTaken, `A vehicle with the plate ${vehicle.plate} exists`, {
    cause: error,
  });
}

/** `vehicles.vehicles` through one connection or one transaction's client. */
class PgVehicleRepository implements VehicleRepository {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async insert(vehicle: Vehicle): Promise<Vehicle> {
    try {
      const { rows } = await this.#db.query<VehicleRow>(
        `INSERT INTO vehicles.vehicles
           (id, org_id, name, plate, vehicle_type, capacity_kg, availability, on_duty, driver_id,
            availability_version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $11, $10, $10) RETURNING ${COLUMNS}`,
        [
          vehicle.id,
          vehicle.orgId,
          vehicle.name,
          vehicle.plate,
          vehicle.vehicleType,
          vehicle.capacityKg,
          vehicle.availability,
          vehicle.onDuty,
          vehicle.driverId,
          vehicle.updatedAt,
          vehicle.availabilityVersion,
        ],
      );
      return toVehicle(rows[0] as VehicleRow);
    } catch (error) {
      throw conflictOf(error, vehicle);
    }
  }

  async list(orgId: string, filter: { readonly availability?: Availability }): Promise<Vehicle[]> {
    const { rows } = await this.#db.query<VehicleRow>(
      `SELECT ${COLUMNS} FROM vehicles.vehicles
        WHERE org_id = $1 AND ($2::text IS NULL OR availability = $2)
        ORDER BY name, id`,
      [orgId, filter.availability ?? null],
    );
    return rows.map(toVehicle);
  }

  async find(
    orgId: string,
    vehicleId: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<Vehicle | undefined> {
    if (!isUuid(orgId) || !isUuid(vehicleId)) return undefined;
    const { rows } = await this.#db.query<VehicleRow>(
      `SELECT ${COLUMNS} FROM vehicles.vehicles WHERE org_id = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [orgId, vehicleId],
    );
    return rows[0] ? toVehicle(rows[0]) : undefined;
  }

  async findByDriver(
    orgId: string,
    driverId: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<Vehicle | undefined> {
    const { rows } = await this.#db.query<VehicleRow>(
      `SELECT ${COLUMNS} FROM vehicles.vehicles WHERE org_id = $1 AND driver_id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [orgId, driverId],
    );
    return rows[0] ? toVehicle(rows[0]) : undefined;
  }

  async findByName(orgId: string, name: string): Promise<Vehicle | undefined> {
    const { rows } = await this.#db.query<VehicleRow>(
      `SELECT ${COLUMNS} FROM vehicles.vehicles WHERE org_id = $1 AND name = $2 ORDER BY id LIMIT 1`,
      [orgId, name],
    );
    return rows[0] ? toVehicle(rows[0]) : undefined;
  }

  async save(vehicle: Vehicle): Promise<Vehicle> {
    try {
      const { rows } = await this.#db.query<VehicleRow>(
        `UPDATE vehicles.vehicles
            SET name = $3, plate = $4, vehicle_type = $5, capacity_kg = $6, availability = $7,
                on_duty = $8, driver_id = $9, current_item_id = $10, last_event_id = $11::bigint,
                availability_version = $13, updated_at = $12
          WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [
          vehicle.orgId,
          vehicle.id,
          vehicle.name,
          vehicle.plate,
          vehicle.vehicleType,
          vehicle.capacityKg,
          vehicle.availability,
          vehicle.onDuty,
          vehicle.driverId,
          vehicle.currentItemId,
          vehicle.lastEventId,
          vehicle.updatedAt,
          vehicle.availabilityVersion,
        ],
      );
      if (!rows[0]) throw new VehiclesError(VEHICLES_ERROR.vehicleNotFound, `No vehicle ${vehicle.id}`);
      return toVehicle(rows[0]);
    } catch (error) {
      throw conflictOf(error, vehicle);
    }
  }

  stage(events: readonly VehicleEvent[]): Promise<readonly StagedEvent[]> {
    return vehiclesOutbox.stage(
      this.#db,
      events.map((event) => ({ ...event, orgId: event.detail.orgId })),
    );
  }
}

/**
 * `vehicles.vehicles` in PostgreSQL: every statement names the organisation; changes that read
 * and write run in a transaction with the rows locked (`FOR UPDATE`), and stage their events in
 * `vehicles.outbox` in the same transaction.
 * @example
 * const store = new PgVehicleStore(db);
 * const vehicles = await store.list(orgId, { availability: 'available' });
 */
export class PgVehicleStore extends PgVehicleRepository implements VehicleStore {
  readonly #connection: PgConnection;

  constructor(connection: PgConnection) {
    super(connection as Queryable);
    this.#connection = connection;
  }

  transaction<T>(work: (repository: VehicleRepository) => Promise<T>): Promise<T> {
    return this.#connection.transaction((client) => work(new PgVehicleRepository(client as Queryable)));
  }
}
