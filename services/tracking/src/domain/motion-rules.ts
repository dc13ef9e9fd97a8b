import { TRACKING_ERROR, TrackingError } from './errors.js';

/** The trip and stop rules of the tracking issue, as defaults. */
export const MOTION_RULES = {
  /** A stop: the device stays this close to where it arrived… */
  stopRadiusMetres: 200,
  /** …for at least this long. */
  stopMinimumSeconds: 180,
  /** A trip starts when the device is this far from the last stop point. */
  tripStartMetres: 200,
  /** A silence longer than this ends a trip at the last position before it. */
  maxGapSeconds: 3600,
  /** Movements below this (or below the two fixes' accuracy radii together) are jitter, not distance. */
  minimumMovementMetres: 10,
} as const;

/** The rules a motion detector runs with; see {@link MOTION_RULES}. */
export type MotionRules = { readonly [K in keyof typeof MOTION_RULES]: number };

/**
 * Merges overrides into {@link MOTION_RULES}, refusing unknown names and values that are not
 * positive finite numbers (a zero stop duration would turn every position into a stop).
 * @throws TrackingError `INVALID_OPTION`
 * @example
 * const rules = motionRules({ maxGapSeconds: 1800 });
 */
export function motionRules(overrides: Partial<MotionRules> = {}): MotionRules {
  const rules: { -readonly [K in keyof MotionRules]: number } = { ...MOTION_RULES };
  for (const [name, value] of Object.entries(overrides)) {
    // Overrides often come from configuration, so the names are checked at run time too.
    if (!isRuleName(name))
      throw new TrackingError(
        TRACKING_ERROR.invalidOption,
        `Unknown motion rule ${name}; known: ${Object.keys(MOTION_RULES).join(', ')}`,
      );
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0)
      throw new TrackingError(
        TRACKING_ERROR.invalidOption,
        `Motion rule ${name} must be a positive number, not ${value}`,
      );
    rules[name] = value;
  }
  return rules;
}

function isRuleName(name: string): name is keyof MotionRules {
  return Object.hasOwn(MOTION_RULES, name);
}
