import { type DevicePresence, reportReceived } from './device-presence.js';
import { type FleetEvent, motionEvent, presenceEvent } from './fleet-events.js';
import type { MotionChange } from './motion-changes.js';
import { replayMotion } from './motion-replay.js';
import { MOTION_RULES, type MotionRules } from './motion-rules.js';
import { initialMotionState, type MotionState } from './motion-state.js';
import type { LatLng } from './position.js';
import { type DeviceRef, type TrackedPosition, vehicleKey } from './tracked-position.js';

/** What the store read, under lock, for one request's vehicles and devices. */
export interface IngestionSnapshot {
  /** The positions stored by this request for the first time (repeats of stored ones left out). */
  readonly inserted: readonly TrackedPosition[];
  /** Each vehicle's motion state by {@link vehicleKey}; null for a vehicle never applied. */
  readonly motion: ReadonlyMap<string, MotionState | null>;
  /** Each device's presence by device id; undefined for a device never seen. */
  readonly presence: ReadonlyMap<string, DevicePresence | undefined>;
}

/** A vehicle's motion state to save. */
export interface MotionRecord extends DeviceRef {
  readonly state: MotionState;
}

/** A device's presence to save. */
export interface PresenceRecord extends DeviceRef {
  readonly lastSeenAt: Date;
  readonly status: 'online' | 'offline';
}

/** A finished trip or stop. */
export interface Segment extends DeviceRef {
  readonly kind: 'trip' | 'stop';
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly from: LatLng;
  readonly to: LatLng;
  readonly distanceMetres: number;
}

/** What one request changes besides the positions, and the events it announces. */
export interface IngestionPlan {
  readonly motion: readonly MotionRecord[];
  readonly presence: readonly PresenceRecord[];
  readonly segments: readonly Segment[];
  readonly events: readonly FleetEvent[];
}

/**
 * Decides what one request's new positions change — pure, so it runs inside the store's
 * transaction with the rows locked. Every reporting device is online now (`deviceOnline` when it
 * was not); each vehicle's new positions go through the motion detector in fix-time order, and its
 * changes become `vehicleMoving` / `vehicleStopped` events and finished trips and stops. Repeats
 * and late positions are not in `inserted` or are not applied, so they change nothing.
 * @example
 * const plan = planIngestion(snapshot, devices, new Date());
 */
export function planIngestion(
  snapshot: IngestionSnapshot,
  devices: readonly DeviceRef[],
  receivedAt: Date,
  rules: MotionRules = MOTION_RULES,
): IngestionPlan {
  const events: FleetEvent[] = [];
  const presence: PresenceRecord[] = [];
  for (const device of devices) {
    const { presence: next, change } = reportReceived(
      snapshot.presence.get(device.deviceId),
      device.deviceId,
      receivedAt,
    );
    presence.push({ ...device, lastSeenAt: next.lastSeenAt, status: next.status });
    if (change) events.push(presenceEvent(change, device));
  }

  const motion: MotionRecord[] = [];
  const segments: Segment[] = [];
  for (const fixes of groupBy(snapshot.inserted, vehicleKey).values()) {
    const first = fixes[0];
    if (!first) continue;
    const replay = replayMotion(snapshot.motion.get(vehicleKey(first)) ?? initialMotionState(), fixes, rules);
    if (replay.outcomes.applied === 0) continue;
    const newest = fixes.reduce((a, b) => (b.fixTime.getTime() > a.fixTime.getTime() ? b : a));
    const owner: DeviceRef = { deviceId: newest.deviceId, orgId: newest.orgId, vehicleId: newest.vehicleId };
    motion.push({ ...owner, state: replay.state });
    for (const change of replay.changes) {
      const device: DeviceRef = { ...owner, deviceId: change.deviceId };
      events.push(motionEvent(change, device));
      const segment = segmentOf(change, device);
      if (segment) segments.push(segment);
    }
  }
  return { motion, presence, segments, events };
}

/**
 * The trip or stop a motion change finished: leaving a stop ends the stop, stopping ends the trip.
 * @example
 * segmentOf(change, device)?.kind; // 'trip'
 */
export function segmentOf(change: MotionChange, device: DeviceRef): Segment | null {
  if (change.type === 'vehicleMoving') {
    const stop = change.stop;
    if (!stop) return null;
    return {
      ...device,
      kind: 'stop',
      startedAt: new Date(stop.startedAt),
      endedAt: new Date(stop.endedAt),
      from: stop.location,
      to: stop.location,
      distanceMetres: 0,
    };
  }
  const trip = change.trip;
  if (!trip) return null;
  return {
    ...device,
    kind: 'trip',
    startedAt: new Date(trip.startedAt),
    endedAt: new Date(trip.endedAt),
    from: trip.from,
    to: trip.to,
    distanceMetres: trip.distanceMetres,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
