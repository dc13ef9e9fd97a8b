/** A device as stored (never with its secret). */
export interface Device {
  readonly id: string;
  readonly orgId: string;
  readonly vehicleId: string;
  readonly uniqueId: string;
  readonly name: string | null;
  readonly createdAt: Date;
  readonly lastSeenAt: Date | null;
  readonly revokedAt: Date | null;
}

/** A device as the API shows it. */
export interface DeviceView {
  readonly id: string;
  readonly vehicleId: string;
  readonly uniqueId: string;
  readonly name: string | null;
  readonly createdAt: string;
  readonly lastSeenAt: string | null;
  readonly revokedAt: string | null;
}

/** What a device authenticated as: enough for a service to file its positions. */
export interface AuthenticatedDevice {
  readonly deviceId: string;
  readonly orgId: string;
  readonly vehicleId: string;
  readonly uniqueId: string;
}

/**
 * The API's view of a device.
 * @example
 * return deviceView(device);
 */
export function deviceView(device: Device): DeviceView {
  return {
    id: device.id,
    vehicleId: device.vehicleId,
    uniqueId: device.uniqueId,
    name: device.name,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    revokedAt: device.revokedAt?.toISOString() ?? null,
  };
}
