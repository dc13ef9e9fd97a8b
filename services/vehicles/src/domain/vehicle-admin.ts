import { requireRole, type UserCaller } from './caller.js';
import { VEHICLES_ERROR, VehiclesError } from './errors.js';
import type { EventPublisher, VehicleStore } from './ports.js';
import type {
  AssignDriverRequest,
  CreateVehicleRequest,
  ListVehiclesQuery,
  UpdateVehicleRequest,
} from './requests.js';
import { type VehicleView, vehicleView } from './vehicle.js';
import {
  assignVehicleDriver,
  type CommandContext,
  declareDuty,
  describeVehicle,
  registerVehicle,
  vehicleNotFound,
} from './vehicle-commands.js';

/**
 * The vehicles API within the caller's organisation: admins register and describe vehicles,
 * admins and dispatchers look and assign drivers, drivers see their vehicle and declare duty.
 * Another organisation's vehicle is "not found", exactly like one that does not exist.
 * @example
 * const vehicle = await new VehicleAdmin(store, publisher).create(caller, { name: 'Van 1', plate: 'AB12 CDE', vehicleType: 'van', capacityKg: 800 });
 */
export class VehicleAdmin {
  readonly #store: VehicleStore;
  readonly #publisher: EventPublisher;
  readonly #clock: () => Date;

  constructor(store: VehicleStore, publisher: EventPublisher, clock: () => Date = () => new Date()) {
    this.#store = store;
    this.#publisher = publisher;
    this.#clock = clock;
  }

  async create(caller: UserCaller, request: CreateVehicleRequest): Promise<VehicleView> {
    requireRole(caller, 'admin');
    return vehicleView(await registerVehicle(this.#context(), caller.orgId, request));
  }

  async list(caller: UserCaller, query: ListVehiclesQuery): Promise<{ vehicles: VehicleView[] }> {
    requireRole(caller, 'admin', 'dispatcher');
    const vehicles = await this.#store.list(
      caller.orgId,
      query.availability ? { availability: query.availability } : {},
    );
    return { vehicles: vehicles.map(vehicleView) };
  }

  async get(caller: UserCaller, vehicleId: string): Promise<VehicleView> {
    requireRole(caller, 'admin', 'dispatcher');
    const vehicle = await this.#store.find(caller.orgId, vehicleId);
    if (!vehicle) throw vehicleNotFound(vehicleId);
    return vehicleView(vehicle);
  }

  async update(caller: UserCaller, vehicleId: string, request: UpdateVehicleRequest): Promise<VehicleView> {
    requireRole(caller, 'admin');
    return vehicleView(await describeVehicle(this.#context(), caller.orgId, vehicleId, request));
  }

  async assignDriver(
    caller: UserCaller,
    vehicleId: string,
    request: AssignDriverRequest,
  ): Promise<VehicleView> {
    requireRole(caller, 'admin', 'dispatcher');
    return vehicleView(await assignVehicleDriver(this.#context(), caller.orgId, vehicleId, request.driverId));
  }

  /** The vehicle the calling driver drives. */
  async mine(caller: UserCaller): Promise<VehicleView> {
    requireRole(caller, 'driver');
    const vehicle = await this.#store.findByDriver(caller.orgId, caller.userId);
    if (!vehicle) throw new VehiclesError(VEHICLES_ERROR.noVehicle, 'You drive no vehicle');
    return vehicleView(vehicle);
  }

  /** The calling driver goes on or off duty on the vehicle they drive. */
  async setDuty(caller: UserCaller, onDuty: boolean): Promise<VehicleView> {
    requireRole(caller, 'driver');
    return vehicleView(await declareDuty(this.#context(), caller.orgId, caller.userId, onDuty));
  }

  #context(): CommandContext {
    return { store: this.#store, publisher: this.#publisher, now: this.#clock() };
  }
}
