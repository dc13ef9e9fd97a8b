import type { MotionChange } from './motion-changes.js';
import { advanceMotion, type MotionFix, type MotionOutcome } from './motion-detector.js';
import { MOTION_RULES, type MotionRules } from './motion-rules.js';
import type { MotionState } from './motion-state.js';

/** The result of feeding many positions of one device to the detector. */
export interface MotionReplay {
  readonly state: MotionState;
  readonly changes: readonly MotionChange[];
  /** How many positions had each outcome. */
  readonly outcomes: Readonly<Record<MotionOutcome, number>>;
}

/**
 * Feeds one device's positions to {@link advanceMotion} in fix-time order — a batch or a
 * replayed buffer may arrive shuffled, and sorting first lets every position count instead of
 * being dropped as out of order. The sort is stable, so equal fix times keep their order and
 * the later ones are `duplicate`.
 * @example
 * const { state: next, changes } = replayMotion(state, positionsOfOneDevice);
 */
export function replayMotion(
  state: MotionState,
  fixes: readonly MotionFix[],
  rules: MotionRules = MOTION_RULES,
): MotionReplay {
  const ordered = [...fixes].sort((a, b) => a.fixTime.getTime() - b.fixTime.getTime());
  const outcomes: Record<MotionOutcome, number> = { applied: 0, duplicate: 0, 'out-of-order': 0, invalid: 0 };
  const changes: MotionChange[] = [];
  let current = state;
  for (const fix of ordered) {
    const step = advanceMotion(current, fix, rules);
    current = step.state;
    changes.push(...step.changes);
    outcomes[step.outcome] += 1;
  }
  return { state: current, changes, outcomes };
}
