import { randomUUID } from 'node:crypto';
import { setDuty } from './availability.js';
import { assignDriver } from './driver-assignment.js';
import { VEHICLES_ERROR, VehiclesError } from './errors.js';
import type { EventPublisher, VehicleStore } from './ports.js';
import type { CreateVehicleRequest, UpdateVehicleRequest } from './requests.js';
import type { Vehicle } from './vehicle.js';
import { vehicleRegistered } from './vehicle-events.js';

/** What a command needs: the table, where events go, and the time. */
export interface CommandContext {
  readonly store: VehicleStore;
  readonly publisher: EventPublisher;
  readonly now: Date;
}

/**
 * "Not found", for a vehicle that does not exist and for another organisation's alike.
 * @example
 * if (!vehicle) throw vehicleNotFound(vehicleId);
 */
export const vehicleNotFound = (vehicleId: string): VehiclesError =>
  new VehiclesError(VEHICLES_ERROR.vehicleNotFound, `No vehicle ${vehicleId}`);

/**
 * Registers a vehicle of the organisation — offline, off duty, without a driver — with
 * `vehicleRegistered` in the outbox, posted once the vehicle is committed.
 * @example
 * const vehicle = await registerVehicle(context, caller.orgId, { name, plate, vehicleType: 'van', capacityKg: 800 });
 */
export async function registerVehicle(
  context: CommandContext,
  orgId: string,
  request: CreateVehicleRequest,
): Promise<Vehicle> {
  const { vehicle, staged } = await context.store.transaction(async (repository) => {
    const inserted = await repository.insert({
      id: randomUUID(),
      orgId,
      name: request.name,
      plate: request.plate,
      vehicleType: request.vehicleType,
      capacityKg: request.capacityKg,
      availability: 'offline',
      onDuty: false,
      driverId: null,
      currentItemId: null,
      lastEventId: null,
      availabilityVersion: 0,
      updatedAt: context.now,
    });
    return { vehicle: inserted, staged: await repository.stage([vehicleRegistered(inserted)]) };
  });
  await context.publisher.publish(staged);
  return vehicle;
}

/**
 * Changes a vehicle's description (no event: the fleet's contract has none for it).
 * @example
 * const vehicle = await describeVehicle(context, orgId, vehicleId, { capacityKg: 900 });
 */
export async function describeVehicle(
  context: CommandContext,
  orgId: string,
  vehicleId: string,
  request: UpdateVehicleRequest,
): Promise<Vehicle> {
  return context.store.transaction(async (repository) => {
    const vehicle = await repository.find(orgId, vehicleId, { forUpdate: true });
    if (!vehicle) throw vehicleNotFound(vehicleId);
    return repository.save({
      ...vehicle,
      ...(request.name === undefined ? {} : { name: request.name }),
      ...(request.plate === undefined ? {} : { plate: request.plate }),
      ...(request.vehicleType === undefined ? {} : { vehicleType: request.vehicleType }),
      ...(request.capacityKg === undefined ? {} : { capacityKg: request.capacityKg }),
      updatedAt: context.now,
    });
  });
}

/**
 * Gives a vehicle a driver (or none), moving the driver from the vehicle they drove; posts
 * `driverAssigned` for each vehicle whose driver changed: staged in the outbox with the change, posted
 * once it is committed.
 * @example
 * const vehicle = await assignVehicleDriver(context, orgId, vehicleId, driverId);
 */
export async function assignVehicleDriver(
  context: CommandContext,
  orgId: string,
  vehicleId: string,
  driverId: string | null,
): Promise<Vehicle> {
  const assignment = await context.store.transaction(async (repository) => {
    const target = await repository.find(orgId, vehicleId, { forUpdate: true });
    if (!target) throw vehicleNotFound(vehicleId);
    const holder =
      driverId === null ? undefined : await repository.findByDriver(orgId, driverId, { forUpdate: true });
    const result = assignDriver(target, holder, driverId, context.now);
    for (const vehicle of result.changed) await repository.save(vehicle);
    return { target: result.target, staged: await repository.stage(result.events) };
  });
  await context.publisher.publish(assignment.staged);
  return assignment.target;
}

/**
 * The driver `driverId` goes on or off duty on the vehicle they drive (`NO_VEHICLE` when none).
 * @example
 * const vehicle = await declareDuty(context, orgId, caller.userId, true);
 */
export async function declareDuty(
  context: CommandContext,
  orgId: string,
  driverId: string,
  onDuty: boolean,
): Promise<Vehicle> {
  const transition = await context.store.transaction(async (repository) => {
    const vehicle = await repository.findByDriver(orgId, driverId, { forUpdate: true });
    if (!vehicle) throw new VehiclesError(VEHICLES_ERROR.noVehicle, 'You drive no vehicle');
    const next = setDuty(vehicle, onDuty, context.now);
    const saved = next.vehicle === vehicle ? vehicle : await repository.save(next.vehicle);
    return { vehicle: saved, staged: await repository.stage(next.events) };
  });
  await context.publisher.publish(transition.staged);
  return transition.vehicle;
}
