import type { MotionChange } from './motion-changes.js';
import type { advanceMotion } from './motion-detector.js';
import { pick, stopped, tripSummary } from './motion-events.js';
import { MOTION_RULES, type MotionRules } from './motion-rules.js';
import type { MotionState } from './motion-state.js';

/**
 * Closes a trip whose device has been silent longer than `maxGapSeconds` by `now`, exactly as
 * the next position would: for the `deviceOffline` schedule, so a phone switched off mid-trip
 * does not leave its vehicle "moving" until it is switched on again.
 * @example
 * const { state: next, changes } = expireMotion(state, deviceId, new Date());
 */
export function expireMotion(
  state: MotionState,
  deviceId: string,
  now: Date,
  rules: MotionRules = MOTION_RULES,
): { state: MotionState; changes: readonly MotionChange[] } {
  if (
    state.status !== 'moving' ||
    !state.last ||
    now.getTime() - state.last.atMs <= rules.maxGapSeconds * 1000
  )
    return { state, changes: [] };
  const changes: MotionChange[] = [];
  return { state: endByGap(state, deviceId, changes), changes };
}

/**
 * Ends an open trip at the last position before a silence (pushing its `vehicleStopped` onto
 * `changes`) and breaks any dwell under way. Used by {@link advanceMotion} and {@link expireMotion}.
 */
export function endByGap(state: MotionState, deviceId: string, changes: MotionChange[]): MotionState {
  const last = state.last;
  if (!last) return state;
  // Whatever dwell was under way is broken by the silence.
  const reset: MotionState = { ...state, anchor: null };
  if (state.status !== 'moving' || !state.trip) return reset;
  const trip = tripSummary(state.trip, pick(last), last.atMs, state.odometerMetres);
  changes.push(stopped(deviceId, last, last.atMs, last.atMs, 'gap', trip, state.odometerMetres));
  return { ...reset, status: 'stopped', stop: { ...pick(last), sinceMs: last.atMs }, trip: null };
}
