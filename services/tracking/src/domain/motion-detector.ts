import { distanceMetres } from './geodesy.js';
import type { MotionChange } from './motion-changes.js';
import { moving, pick, stopped, tripSummary } from './motion-events.js';
import { endByGap } from './motion-gap.js';
import { MOTION_RULES, type MotionRules } from './motion-rules.js';
import type { MotionState } from './motion-state.js';
import type { LatLng, Position } from './position.js';

/** What the detector needs of a position. */
export type MotionFix = Pick<
  Position,
  'deviceId' | 'fixTime' | 'latitude' | 'longitude' | 'accuracy' | 'valid'
>;

/**
 * How a position was taken: `applied`; `duplicate` (same fix time as the last one applied);
 * `out-of-order` (older than it); `invalid` (the device flagged the fix as not valid).
 */
export type MotionOutcome = 'applied' | 'duplicate' | 'out-of-order' | 'invalid';

/** The detector's answer for one position. */
export interface MotionStep {
  readonly state: MotionState;
  readonly changes: readonly MotionChange[];
  readonly outcome: MotionOutcome;
}

/**
 * Advances a device's motion state by one position — a pure function: the same state and
 * position always give the same answer, and `state` is never mutated.
 *
 * - A **stop** is a run of positions staying within `stopRadiusMetres` (200 m) of the first of
 *   them for at least `stopMinimumSeconds` (180 s). It began with that run — when the vehicle
 *   came within the radius, at most one reporting interval before it stood still — and it is
 *   placed where the vehicle stands when the stop is confirmed: the point a trip must leave.
 * - A **trip** starts when a position is `tripStartMetres` (200 m) or more from the last stop
 *   point; it left at the last position inside the stop. A device first seen on the move starts
 *   its trip at its first position.
 * - A **gap** of more than `maxGapSeconds` (1 h) between positions ends an open trip at the last
 *   position before it (`reason: 'gap'`); a trip never spans a gap.
 * - The **odometer** adds the distance from the last counted point once it exceeds both
 *   `minimumMovementMetres` (10 m) and the two fixes' accuracy radii added together; smaller moves
 *   are jitter and the point is not advanced, so slow real movement still adds up. Inside a stop
 *   nothing is counted (a parked phone wanders); leaving the stop counts the whole way from the
 *   last counted point.
 *
 * Only state changes are emitted (`vehicleMoving`, `vehicleStopped`), never one per position.
 * A position older than or as old as the last one applied is not applied: it is still worth
 * storing (history is by fix time), but a decision already emitted is never taken back, so
 * late positions leave the state as it is and the outcome says why.
 * @example
 * const { state: next, changes } = advanceMotion(state, position);
 */
export function advanceMotion(
  state: MotionState,
  fix: MotionFix,
  rules: MotionRules = MOTION_RULES,
): MotionStep {
  const atMs = fix.fixTime.getTime();
  if (!fix.valid) return { state, changes: [], outcome: 'invalid' };
  if (state.last && atMs <= state.last.atMs)
    return { state, changes: [], outcome: atMs === state.last.atMs ? 'duplicate' : 'out-of-order' };

  const changes: MotionChange[] = [];
  const point: LatLng = { latitude: fix.latitude, longitude: fix.longitude };
  const gapped = state.last !== null && atMs - state.last.atMs > rules.maxGapSeconds * 1000;
  let next = gapped ? endByGap(state, fix.deviceId, changes) : state;
  const odometerBefore = next.odometerMetres;
  next = { ...countDistance(next, point, fix.accuracy, rules), last: { ...point, atMs } };

  if (next.status === 'stopped' && next.stop) {
    const stop = next.stop;
    if (distanceMetres(stop, point) < rules.tripStartMetres)
      return { state: next, changes, outcome: 'applied' };
    // It left at its last position inside the stop; after a gap nobody saw it leave, so the new
    // trip starts where and when it reappeared, and the distance across the gap is odometer only.
    const departedMs = gapped || !state.last ? atMs : state.last.atMs;
    const trip = gapped
      ? { ...point, startedAtMs: atMs, odometerMetres: next.odometerMetres }
      : { ...pick(stop), startedAtMs: departedMs, odometerMetres: odometerBefore };
    next = {
      ...next,
      status: 'moving',
      stop: null,
      trip,
      anchor: anchorAt(point, atMs, next.odometerMetres),
    };
    changes.push(
      moving(fix.deviceId, point, atMs, departedMs, next.odometerMetres, { ...stop, endedMs: departedMs }),
    );
    return { state: next, changes, outcome: 'applied' };
  }

  const anchor = next.anchor;
  if (!anchor)
    return {
      state: { ...next, anchor: anchorAt(point, atMs, next.odometerMetres) },
      changes,
      outcome: 'applied',
    };
  const fromAnchor = distanceMetres(anchor, point);
  if (next.status === 'unknown' && fromAnchor >= rules.tripStartMetres) {
    // First seen on the move: the trip began where and when the device was first seen.
    const trip = { ...pick(anchor), startedAtMs: anchor.atMs, odometerMetres: anchor.odometerMetres };
    next = {
      ...next,
      status: 'moving',
      trip,
      anchor: restartDwell(state, point, atMs, odometerBefore, next, rules),
    };
    changes.push(moving(fix.deviceId, point, atMs, anchor.atMs, next.odometerMetres, null));
    return { state: next, changes, outcome: 'applied' };
  }
  if (fromAnchor > rules.stopRadiusMetres) {
    const restarted = restartDwell(state, point, atMs, odometerBefore, next, rules);
    return { state: { ...next, anchor: restarted }, changes, outcome: 'applied' };
  }
  if (atMs - anchor.atMs < rules.stopMinimumSeconds * 1000)
    return { state: next, changes, outcome: 'applied' };

  // The stop began when the vehicle came within the radius; it stands where it is now, and the
  // trip's distance runs to here.
  const trip = next.trip ? tripSummary(next.trip, point, anchor.atMs, next.odometerMetres) : null;
  next = { ...next, status: 'stopped', stop: { ...point, sinceMs: anchor.atMs }, anchor: null, trip: null };
  changes.push(stopped(fix.deviceId, point, atMs, anchor.atMs, 'dwell', trip, next.odometerMetres));
  return { state: next, changes, outcome: 'applied' };
}

function countDistance(
  state: MotionState,
  point: LatLng,
  accuracy: number | null,
  rules: MotionRules,
): MotionState {
  const from = state.odometerFrom;
  if (!from) return { ...state, odometerFrom: { ...point, accuracy } };
  if (state.status === 'stopped' && state.stop && distanceMetres(state.stop, point) < rules.tripStartMetres)
    return state;
  const moved = distanceMetres(from, point);
  // Two fixes each within their accuracy radius of the truth can differ by both radii together
  // without the device moving; only beyond that is the move certain.
  if (moved <= Math.max(rules.minimumMovementMetres, (from.accuracy ?? 0) + (accuracy ?? 0))) return state;
  return { ...state, odometerMetres: state.odometerMetres + moved, odometerFrom: { ...point, accuracy } };
}

function anchorAt(point: LatLng, atMs: number, odometerMetres: number): NonNullable<MotionState['anchor']> {
  return { ...point, atMs, odometerMetres };
}

// A dwell restarts from the previous position when it is close to this one: that is where the
// vehicle arrived, so the stop is dated from the arrival rather than from the fix after it.
function restartDwell(
  previous: MotionState,
  point: LatLng,
  atMs: number,
  odometerAtPrevious: number,
  current: MotionState,
  rules: MotionRules,
): MotionState['anchor'] {
  const last = previous.last;
  if (last && distanceMetres(last, point) <= rules.stopRadiusMetres)
    return anchorAt(pick(last), last.atMs, odometerAtPrevious);
  return anchorAt(point, atMs, current.odometerMetres);
}
