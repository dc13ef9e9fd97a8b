import { randomUUID } from 'node:crypto';
import { VEHICLES_ERROR, VehiclesError } from '../../../src/domain/errors.js';
import type {
  EventPublisher,
  StagedEvent,
  VehicleRepository,
  VehicleStore,
} from '../../../src/domain/ports.js';
import type { Availability, Vehicle } from '../../../src/domain/vehicle.js';
import type { VehicleEvent } from '../../../src/domain/vehicle-events.js';

export const ORG = '0b6f3f1e-8a38-4d53-9a3c-5f0d2a0c9e11';
export const OTHER_ORG = '7c1d1b7a-2f39-4e0e-8f6c-1a2b3c4d5e6f';
export const NOW = new Date('2026-11-28T10:00:00Z');

/**
 * A vehicle with sensible defaults for a test.
 * @example
 * const van = vehicle({ availability: 'available', onDuty: true });
 */
export function vehicle(overrides: Partial<Vehicle> = {}): Vehicle {
  return {
    id: 'a1111111-1111-4111-8111-111111111111',
    orgId: ORG,
    name: 'Van 1',
    plate: 'AB12 CDE',
    vehicleType: 'van',
    capacityKg: 800,
    availability: 'offline',
    onDuty: false,
    driverId: null,
    currentItemId: null,
    lastEventId: null,
    availabilityVersion: 0,
    updatedAt: new Date('2026-11-28T09:00:00Z'),
    ...overrides,
  };
}

/**
 * The vehicles table and its outbox in memory, with the unique rules of the real table (plate and
 * driver per organisation), and a publisher that keeps what was posted. `outbox` holds the staged
 * events of committed transactions; a rolled-back transaction leaves none.
 */
export class MemoryFleet implements VehicleStore, EventPublisher {
  readonly rows = new Map<string, Vehicle>();
  readonly outbox: StagedEvent[] = [];
  readonly posted: VehicleEvent[] = [];

  async publish(staged: readonly StagedEvent[]): Promise<void> {
    this.posted.push(...staged.map((event) => event.envelope as VehicleEvent));
  }

  async stage(events: readonly VehicleEvent[]): Promise<readonly StagedEvent[]> {
    const staged = events.map((event) => ({ id: randomUUID(), type: event.type, envelope: event }));
    this.outbox.push(...staged);
    return staged;
  }

  async transaction<T>(work: (repository: VehicleRepository) => Promise<T>): Promise<T> {
    const before = new Map(this.rows);
    const staged = this.outbox.length;
    try {
      return await work(this);
    } catch (error) {
      this.rows.clear();
      for (const [id, row] of before) this.rows.set(id, row);
      this.outbox.splice(staged);
      throw error;
    }
  }

  async insert(vehicle: Vehicle): Promise<Vehicle> {
    this.#checkUnique(vehicle);
    this.rows.set(vehicle.id, vehicle);
    return vehicle;
  }

  async list(orgId: string, filter: { readonly availability?: Availability }): Promise<Vehicle[]> {
    return [...this.rows.values()].filter(
      (row) => row.orgId === orgId && (!filter.availability || row.availability === filter.availability),
    );
  }

  async find(orgId: string, vehicleId: string): Promise<Vehicle | undefined> {
    const row = this.rows.get(vehicleId);
    return row?.orgId === orgId ? row : undefined;
  }

  async findByDriver(orgId: string, driverId: string): Promise<Vehicle | undefined> {
    return [...this.rows.values()].find((row) => row.orgId === orgId && row.driverId === driverId);
  }

  async findByName(orgId: string, name: string): Promise<Vehicle | undefined> {
    return [...this.rows.values()].find((row) => row.orgId === orgId && row.name === name);
  }

  async save(vehicle: Vehicle): Promise<Vehicle> {
    this.#checkUnique(vehicle);
    this.rows.set(vehicle.id, vehicle);
    return vehicle;
  }

  #checkUnique(vehicle: Vehicle): void {
    for (const row of this.rows.values()) {
      if (row.id === vehicle.id || row.orgId !== vehicle.orgId) continue;
      if (row.plate === vehicle.plate)
        throw new VehiclesError(
          VEHICLES_ERROR.plateTaken,
          `A vehicle with the plate ${vehicle.plate} exists`,
        );
      if (vehicle.driverId !== null && row.driverId === vehicle.driverId)
        throw new VehiclesError(
          VEHICLES_ERROR.assignmentConflict,
          `Driver ${vehicle.driverId} drives ${row.id}`,
        );
    }
  }
}
