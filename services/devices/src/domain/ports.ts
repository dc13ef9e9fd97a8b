import type { Device } from './device.js';

/** A live device and the hash its secret is checked against. */
export interface DeviceCredentials {
  readonly device: Device;
  readonly secretHash: string;
}

/** What the domain needs of the devices table; every admin read and write names the organisation. */
export interface DeviceStore {
  /** @throws DevicesError `UNIQUE_ID_TAKEN` when a live device of the organisation has the unique id */
  register(device: {
    id: string;
    orgId: string;
    vehicleId: string;
    uniqueId: string;
    name: string | null;
    secretHash: string;
    createdBy: string | null;
  }): Promise<Device>;
  list(orgId: string, filter: { readonly vehicleId?: string }): Promise<Device[]>;
  find(orgId: string, deviceId: string): Promise<Device | undefined>;
  update(
    orgId: string,
    deviceId: string,
    changes: { vehicleId?: string; name?: string },
    now: Date,
  ): Promise<Device | undefined>;
  /** Replaces a live device's secret; undefined when there is no such live device. */
  replaceSecret(orgId: string, deviceId: string, secretHash: string, now: Date): Promise<Device | undefined>;
  /** Whether the organisation has the device (revoked now, or already). */
  revoke(orgId: string, deviceId: string, now: Date): Promise<boolean>;
  /** Live devices sending this unique id, in any organisation (the secret tells them apart). */
  liveByUniqueId(uniqueId: string): Promise<DeviceCredentials[]>;
  liveById(deviceId: string): Promise<DeviceCredentials | undefined>;
  /** Records that the device was seen; at most one write a minute per device. */
  touch(deviceId: string, now: Date): Promise<void>;
}
