// Builds the plain values the detector emits. Internal: the index does not re-export it.
import type { MotionChange, TripSummary } from './motion-changes.js';
import type { MotionState } from './motion-state.js';
import type { LatLng } from './position.js';

/** The summary of a trip that ends at `to` at `endedMs`, its distance read off the odometer. */
export function tripSummary(
  trip: NonNullable<MotionState['trip']>,
  to: LatLng,
  endedMs: number,
  odometerMetres: number,
): TripSummary {
  return {
    startedAt: iso(trip.startedAtMs),
    endedAt: iso(endedMs),
    from: pick(trip),
    to,
    distanceMetres: odometerMetres - trip.odometerMetres,
    durationSeconds: (endedMs - trip.startedAtMs) / 1000,
  };
}

/** A `vehicleMoving` change; `stop` is the stop it left, with when it left. */
export function moving(
  deviceId: string,
  location: LatLng,
  atMs: number,
  tripStartedMs: number,
  odometerMetres: number,
  stop: (LatLng & { sinceMs: number; endedMs: number }) | null,
): MotionChange {
  const stopSummary = stop && {
    startedAt: iso(stop.sinceMs),
    endedAt: iso(stop.endedMs),
    location: pick(stop),
    durationSeconds: (stop.endedMs - stop.sinceMs) / 1000,
  };
  return {
    type: 'vehicleMoving',
    deviceId,
    at: iso(atMs),
    location,
    tripStartedAt: iso(tripStartedMs),
    stop: stopSummary,
    odometerMetres,
  };
}

/** A `vehicleStopped` change. */
export function stopped(
  deviceId: string,
  location: LatLng,
  atMs: number,
  sinceMs: number,
  reason: 'dwell' | 'gap',
  trip: TripSummary | null,
  odometerMetres: number,
): MotionChange {
  return {
    type: 'vehicleStopped',
    deviceId,
    at: iso(atMs),
    location: pick(location),
    since: iso(sinceMs),
    reason,
    trip,
    odometerMetres,
  };
}

/** Epoch milliseconds as ISO 8601: the state keeps numbers, events carry readable times. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Just the coordinates of a point that carries more. */
export function pick(point: LatLng): LatLng {
  return { latitude: point.latitude, longitude: point.longitude };
}
