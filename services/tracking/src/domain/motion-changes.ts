import type { LatLng } from './position.js';

/** A trip that has just ended. Times are ISO 8601, so the value posts to the event bus as is. */
export interface TripSummary {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly from: LatLng;
  readonly to: LatLng;
  readonly distanceMetres: number;
  readonly durationSeconds: number;
}

/** A stop that has just ended. */
export interface StopSummary {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly location: LatLng;
  readonly durationSeconds: number;
}

/**
 * `vehicleMoving`: the device left its stop (or was first seen driving). `at` is the fix time
 * of the position that proved it; `tripStartedAt` when it left; `stop` the stop it left, if known.
 */
export interface VehicleMoving {
  readonly type: 'vehicleMoving';
  readonly deviceId: string;
  readonly at: string;
  readonly location: LatLng;
  readonly tripStartedAt: string;
  readonly stop: StopSummary | null;
  readonly odometerMetres: number;
}

/**
 * `vehicleStopped`: a stop began at `location` at `since`. `reason` is `dwell` (it stayed within
 * the stop radius long enough) or `gap` (it fell silent too long; `since` is its last position).
 * `trip` is the trip that ended, if one was open.
 */
export interface VehicleStopped {
  readonly type: 'vehicleStopped';
  readonly deviceId: string;
  readonly at: string;
  readonly location: LatLng;
  readonly since: string;
  readonly reason: 'dwell' | 'gap';
  readonly trip: TripSummary | null;
  readonly odometerMetres: number;
}

/** A change of a device's motion: the only motion events tracking emits. */
export type MotionChange = VehicleMoving | VehicleStopped;
