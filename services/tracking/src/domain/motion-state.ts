import { z } from 'zod';

const latLng = { latitude: z.number(), longitude: z.number() };

/**
 * A device's motion state, as plain JSON (times in epoch milliseconds) so the store can keep it
 * in one `jsonb` column per device and read it back through this schema.
 */
export const motionStateSchema = z.object({
  /** `unknown` until the first stop or trip is established. */
  status: z.enum(['unknown', 'stopped', 'moving']),
  /** The last position applied: later ones are compared with it, earlier ones are not applied. */
  last: z.object({ ...latLng, atMs: z.number() }).nullable(),
  /**
   * Where the current dwell began: the first position of a run staying within the stop radius,
   * with the odometer there (a device first seen on the move starts its trip from it).
   */
  anchor: z.object({ ...latLng, atMs: z.number(), odometerMetres: z.number() }).nullable(),
  /** The current stop while `stopped`; a trip starts when the device leaves its radius. */
  stop: z.object({ ...latLng, sinceMs: z.number() }).nullable(),
  /** The open trip while `moving`, with the odometer at its start. */
  trip: z.object({ ...latLng, startedAtMs: z.number(), odometerMetres: z.number() }).nullable(),
  /** Total distance counted, in metres. */
  odometerMetres: z.number().nonnegative(),
  /** The last point the odometer counted from; jitter around it is not counted. */
  odometerFrom: z.object({ ...latLng, accuracy: z.number().nullable() }).nullable(),
});
/** A device's motion state. */
export type MotionState = z.infer<typeof motionStateSchema>;

/**
 * The state of a device never seen, optionally with an odometer carried over (a vehicle's
 * odometer reading when its tracker is installed).
 * @example
 * let state = initialMotionState();
 */
export function initialMotionState(odometerMetres = 0): MotionState {
  return {
    status: 'unknown',
    last: null,
    anchor: null,
    stop: null,
    trip: null,
    odometerMetres,
    odometerFrom: null,
  };
}
