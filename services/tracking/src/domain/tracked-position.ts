import type { Position } from './position.js';

/** A device resolved by the devices service: its id (a UUID), organisation and vehicle. */
export interface DeviceRef {
  readonly deviceId: string;
  readonly orgId: string;
  readonly vehicleId: string;
}

/**
 * A position filed under its device: `deviceId` is the devices service's id (not the unique id the
 * device sent), with the organisation and vehicle the device belonged to when it reported.
 */
export type TrackedPosition = Omit<Position, 'deviceId'> & DeviceRef;

/**
 * Files a parsed position under the device it was resolved to.
 * @example
 * const tracked = trackPosition(parseOsmand(request, now), authenticated.device);
 */
export function trackPosition(position: Position, device: DeviceRef): TrackedPosition {
  const { deviceId: _sent, ...rest } = position;
  return { ...rest, deviceId: device.deviceId, orgId: device.orgId, vehicleId: device.vehicleId };
}

/** The key of a vehicle: vehicle ids are unique within an organisation only. */
export function vehicleKey(ref: Pick<DeviceRef, 'orgId' | 'vehicleId'>): string {
  return `${ref.orgId}/${ref.vehicleId}`;
}
