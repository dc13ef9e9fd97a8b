import { randomUUID } from 'node:crypto';
import { requireRole, type UserCaller } from './caller.js';
import { type DeviceView, deviceView } from './device.js';
import { newDeviceSecret } from './device-secret.js';
import { DEVICES_ERROR, DevicesError } from './errors.js';
import type { DeviceStore } from './ports.js';
import type { ListDevicesQuery, RegisterDeviceRequest, UpdateDeviceRequest } from './requests.js';

/** A device with its secret: shown when registered and when the secret is replaced, never again. */
export interface DeviceWithSecret extends DeviceView {
  readonly secret: string;
}

const notFound = (deviceId: string) =>
  new DevicesError(DEVICES_ERROR.deviceNotFound, `No device ${deviceId}`);

/**
 * Device management within the caller's organisation: admins register, move, re-key and revoke
 * devices; dispatchers may look. A device of another organisation is "not found", exactly like one
 * that does not exist.
 * @example
 * const { id, secret } = await admin.register(caller, { vehicleId: 'truck-7' });
 */
export class DeviceAdmin {
  readonly #store: DeviceStore;
  readonly #clock: () => Date;

  constructor(store: DeviceStore, clock: () => Date = () => new Date()) {
    this.#store = store;
    this.#clock = clock;
  }

  async register(caller: UserCaller, request: RegisterDeviceRequest): Promise<DeviceWithSecret> {
    requireRole(caller, 'admin');
    const id = randomUUID();
    const { secret, hash } = newDeviceSecret();
    const device = await this.#store.register({
      id,
      orgId: caller.orgId,
      vehicleId: request.vehicleId,
      uniqueId: request.uniqueId ?? id,
      name: request.name ?? null,
      secretHash: hash,
      createdBy: caller.userId,
    });
    return { ...deviceView(device), secret };
  }

  async list(caller: UserCaller, query: ListDevicesQuery): Promise<{ devices: DeviceView[] }> {
    requireRole(caller, 'admin', 'dispatcher');
    const devices = await this.#store.list(
      caller.orgId,
      query.vehicleId ? { vehicleId: query.vehicleId } : {},
    );
    return { devices: devices.map(deviceView) };
  }

  async get(caller: UserCaller, deviceId: string): Promise<DeviceView> {
    requireRole(caller, 'admin', 'dispatcher');
    const device = await this.#store.find(caller.orgId, deviceId);
    if (!device) throw notFound(deviceId);
    return deviceView(device);
  }

  async update(caller: UserCaller, deviceId: string, request: UpdateDeviceRequest): Promise<DeviceView> {
    requireRole(caller, 'admin');
    const changes = {
      ...(request.vehicleId === undefined ? {} : { vehicleId: request.vehicleId }),
      ...(request.name === undefined ? {} : { name: request.name }),
    };
    const device = await this.#store.update(caller.orgId, deviceId, changes, this.#clock());
    if (!device) throw notFound(deviceId);
    return deviceView(device);
  }

  /** A new secret for a lost or leaked one: the old secret stops working at once. */
  async replaceSecret(caller: UserCaller, deviceId: string): Promise<DeviceWithSecret> {
    requireRole(caller, 'admin');
    const { secret, hash } = newDeviceSecret();
    const device = await this.#store.replaceSecret(caller.orgId, deviceId, hash, this.#clock());
    if (device) return { ...deviceView(device), secret };
    if (await this.#store.find(caller.orgId, deviceId))
      throw new DevicesError(
        DEVICES_ERROR.deviceRevoked,
        `Device ${deviceId} is revoked: register a new one`,
      );
    throw notFound(deviceId);
  }

  /** Revokes a device for good: its secret stops working (revoking it again is harmless). */
  async revoke(caller: UserCaller, deviceId: string): Promise<void> {
    requireRole(caller, 'admin');
    if (!(await this.#store.revoke(caller.orgId, deviceId, this.#clock()))) throw notFound(deviceId);
  }
}
