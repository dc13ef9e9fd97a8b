/** A point on the WGS 84 ellipsoid, in decimal degrees. */
export interface LatLng {
  readonly latitude: number;
  readonly longitude: number;
}

/** A value a device sent beyond the known fields, kept as it came (numbers and booleans typed). */
export type AttributeValue = string | number | boolean;

/**
 * One normalised position, whichever protocol it came in. `null` means the device did not say
 * (or said "unknown", as a negative speed, course or accuracy does on Android and iOS).
 */
export interface Position extends LatLng {
  /** The device's unique id as it sent it (OsmAnd `id`); the handler resolves it to a device. */
  readonly deviceId: string;
  /** When the satellite fix was taken (the device's clock), not when it arrived. */
  readonly fixTime: Date;
  /** False when the device flagged the fix as not valid (OsmAnd `valid=false`). */
  readonly valid: boolean;
  /** Speed over ground in knots, the unit OsmAnd and Traccar use. */
  readonly speedKnots: number | null;
  /** The same speed in km/h, for people and for the API. */
  readonly speedKph: number | null;
  /** Course over ground in degrees clockwise from true north, in [0, 360). */
  readonly course: number | null;
  /** Metres above sea level. */
  readonly altitude: number | null;
  /** Horizontal accuracy radius in metres. */
  readonly accuracy: number | null;
  /** Battery level in percent, 0–100. */
  readonly battery: number | null;
  /** Whether the device is charging. */
  readonly charging: boolean | null;
  /** Everything else the device sent (`hdop`, `driverUniqueId`, `activity`, …). */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** Kilometres per hour in one knot (one nautical mile, 1,852 m, per hour). */
export const KPH_PER_KNOT = 1.852;

/** Knots in one metre per second. */
export const KNOTS_PER_MPS = 3600 / 1852;

/**
 * Converts knots to km/h.
 * @example
 * knotsToKph(10); // 18.52
 */
export function knotsToKph(knots: number): number {
  return knots * KPH_PER_KNOT;
}

/**
 * Converts km/h to knots.
 * @example
 * kphToKnots(18.52); // 10
 */
export function kphToKnots(kph: number): number {
  return kph / KPH_PER_KNOT;
}

/**
 * Converts metres per second (Traccar Client 9's JSON `coords.speed`) to knots.
 * @example
 * mpsToKnots(1852 / 3600); // 1
 */
export function mpsToKnots(mps: number): number {
  return mps * KNOTS_PER_MPS;
}
