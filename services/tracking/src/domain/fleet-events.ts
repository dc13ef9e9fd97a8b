import type { PresenceChange } from './device-presence.js';
import type { MotionChange } from './motion-changes.js';
import type { DeviceRef } from './tracked-position.js';

/** A point as the fleet's events and APIs carry it. */
export interface Point {
  readonly lat: number;
  readonly lon: number;
}

/** An event tracking posts to the bus (see docs/fleet.md, Events). */
export type FleetEvent =
  | {
      readonly type: 'vehicleMoving' | 'vehicleStopped';
      readonly detail: {
        readonly vehicleId: string;
        readonly orgId: string;
        readonly deviceId: string;
        readonly at: string;
        readonly position: Point;
      };
    }
  | {
      readonly type: 'deviceOnline';
      readonly detail: {
        readonly deviceId: string;
        readonly orgId: string;
        readonly vehicleId: string;
        readonly at: string;
      };
    }
  | {
      readonly type: 'deviceOffline';
      readonly detail: {
        readonly deviceId: string;
        readonly orgId: string;
        readonly vehicleId: string;
        readonly lastSeenAt: string;
      };
    };

/**
 * The `vehicleMoving` / `vehicleStopped` event of a motion change of a device's vehicle.
 * @example
 * motionEvent(change, device); // { type: 'vehicleMoving', detail: { vehicleId, orgId, deviceId, at, position } }
 */
export function motionEvent(change: MotionChange, device: DeviceRef): FleetEvent {
  return {
    type: change.type,
    detail: {
      vehicleId: device.vehicleId,
      orgId: device.orgId,
      deviceId: device.deviceId,
      at: change.at,
      position: { lat: change.location.latitude, lon: change.location.longitude },
    },
  };
}

/**
 * The `deviceOnline` / `deviceOffline` event of a presence change.
 * @example
 * presenceEvent(change, device); // { type: 'deviceOffline', detail: { deviceId, orgId, vehicleId, lastSeenAt } }
 */
export function presenceEvent(change: PresenceChange, device: DeviceRef): FleetEvent {
  const ids = { deviceId: device.deviceId, orgId: device.orgId, vehicleId: device.vehicleId };
  return change.type === 'deviceOnline'
    ? { type: 'deviceOnline', detail: { ...ids, at: change.lastSeenAt } }
    : { type: 'deviceOffline', detail: { ...ids, lastSeenAt: change.lastSeenAt } };
}
