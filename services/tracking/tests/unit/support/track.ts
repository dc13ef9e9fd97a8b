import { destinationPoint, type LatLng, type MotionFix } from '../../../src/domain/index.js';

/** One leg of a generated track. */
export type Leg =
  | { readonly kind: 'park'; readonly seconds: number; readonly every: number }
  | {
      readonly kind: 'drive';
      readonly seconds: number;
      readonly every: number;
      readonly speedMps: number;
      readonly bearing: number;
    }
  /** The device is silent while the vehicle moves `metres` along `bearing`. */
  | { readonly kind: 'silence'; readonly seconds: number; readonly metres: number; readonly bearing: number };

/** A generated track: the fixes, when each leg started, and how far the vehicle really went. */
export interface Track {
  readonly fixes: MotionFix[];
  readonly legStarts: number[];
  readonly metresDriven: number;
}

/** A deterministic generator (mulberry32), so the track is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates a recorded-style track: a phone reporting at each leg's interval, every fix
 * scattered within its reported accuracy around the true position (as real GPS is).
 * Times are seconds after `start`.
 */
export function generateTrack(options: {
  deviceId: string;
  start: Date;
  origin: LatLng;
  accuracy: number;
  legs: readonly Leg[];
  seed?: number;
}): Track {
  const next = random(options.seed ?? 1);
  const fixes: MotionFix[] = [];
  const legStarts: number[] = [];
  let at = 0;
  let here = options.origin;
  let metresDriven = 0;
  const report = (): void => {
    // Uniform within 90 % of the accuracy disc, in a random direction.
    const scatter = destinationPoint(here, next() * 360, Math.sqrt(next()) * options.accuracy * 0.9);
    fixes.push({
      deviceId: options.deviceId,
      fixTime: new Date(options.start.getTime() + at * 1000),
      ...scatter,
      accuracy: options.accuracy,
      valid: true,
    });
  };
  if (options.legs.length > 0) report();
  for (const leg of options.legs) {
    legStarts.push(at);
    if (leg.kind === 'silence') {
      at += leg.seconds;
      here = destinationPoint(here, leg.bearing, leg.metres);
      metresDriven += leg.metres;
      report();
      continue;
    }
    for (let elapsed = leg.every; elapsed <= leg.seconds; elapsed += leg.every) {
      at += leg.every;
      if (leg.kind === 'drive') {
        here = destinationPoint(here, leg.bearing, leg.speedMps * leg.every);
        metresDriven += leg.speedMps * leg.every;
      }
      report();
    }
  }
  return { fixes, legStarts, metresDriven };
}

/** A fix `north` and `east` metres from `origin`, `seconds` after `start`. */
export function fixAt(
  start: Date,
  origin: LatLng,
  seconds: number,
  north: number,
  east = 0,
  extra: Partial<MotionFix> = {},
): MotionFix {
  const northern = destinationPoint(origin, 0, north);
  const point = destinationPoint(northern, 90, east);
  return {
    deviceId: 'dev-1',
    fixTime: new Date(start.getTime() + seconds * 1000),
    ...point,
    accuracy: 5,
    valid: true,
    ...extra,
  };
}
