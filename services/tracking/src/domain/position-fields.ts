import { PositionValidationError, TRACKING_ERROR } from './errors.js';

/** A decimal as devices write it: optional sign, digits, optional fraction and exponent. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** What the devices service accepts as a unique id; anything else can name no device. */
const DEVICE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Reads a number sent as text (a query or form value) or as a JSON number. Refuses what
 * `Number()` would quietly accept or mangle: `''`, `NaN`, `Infinity`, `0x1A`, `1,5`.
 * @throws PositionValidationError `NOT_A_NUMBER`
 * @example
 * readNumber('speed', '12.5'); // 12.5
 */
export function readNumber(field: string, raw: string | number): number {
  const value = typeof raw === 'number' ? raw : DECIMAL.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isFinite(value))
    throw new PositionValidationError(
      TRACKING_ERROR.notANumber,
      field,
      raw,
      'must be a finite decimal number',
    );
  return value;
}

/**
 * Checks a latitude is within -90…90 degrees.
 * @throws PositionValidationError `LATITUDE_OUT_OF_RANGE`
 */
export function checkLatitude(field: string, value: number): number {
  if (value < -90 || value > 90)
    throw new PositionValidationError(
      TRACKING_ERROR.latitudeOutOfRange,
      field,
      value,
      'must be between -90 and 90',
    );
  return value;
}

/**
 * Checks a longitude is within -180…180 degrees.
 * @throws PositionValidationError `LONGITUDE_OUT_OF_RANGE`
 */
export function checkLongitude(field: string, value: number): number {
  if (value < -180 || value > 180)
    throw new PositionValidationError(
      TRACKING_ERROR.longitudeOutOfRange,
      field,
      value,
      'must be between -180 and 180',
    );
  return value;
}

/**
 * Refuses 0,0: phones and trackers send it when they have no satellite fix, and storing it
 * would draw a trip to the Gulf of Guinea and add thousands of kilometres to the odometer.
 * @throws PositionValidationError `NO_FIX`
 */
export function checkHasFix(field: string, latitude: number, longitude: number): void {
  if (latitude === 0 && longitude === 0)
    throw new PositionValidationError(
      TRACKING_ERROR.noFix,
      field,
      '0,0',
      'is what a device without a fix sends',
    );
}

/** A speed; negative means "unknown" (iOS and Traccar Client send -1). */
export function readSpeed(value: number): number | null {
  return value < 0 ? null : value;
}

/**
 * A course in degrees; negative means "unknown", 360 is north.
 * @throws PositionValidationError `INVALID_FIELD` above 360
 */
export function readCourse(field: string, value: number): number | null {
  if (value < 0) return null;
  if (value > 360)
    throw new PositionValidationError(TRACKING_ERROR.invalidField, field, value, 'must be between 0 and 360');
  return value === 360 ? 0 : value;
}

/** An accuracy radius in metres; negative means "unknown". */
export function readAccuracy(value: number): number | null {
  return value < 0 ? null : value;
}

/**
 * A battery level in percent; negative means "unknown".
 * @throws PositionValidationError `BATTERY_OUT_OF_RANGE` above 100
 */
export function readBatteryPercent(field: string, value: number): number | null {
  if (value < 0) return null;
  if (value > 100)
    throw new PositionValidationError(
      TRACKING_ERROR.batteryOutOfRange,
      field,
      value,
      'must be a percentage, 0 to 100',
    );
  return value;
}

/**
 * Reads `true`/`false`/`1`/`0` (any case) or a JSON boolean.
 * @throws PositionValidationError `NOT_A_BOOLEAN`
 */
export function readBoolean(field: string, raw: string | boolean): boolean {
  if (typeof raw === 'boolean') return raw;
  const text = raw.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new PositionValidationError(TRACKING_ERROR.notABoolean, field, raw, 'must be true, false, 1 or 0');
}

/**
 * Reads a device's unique id (an IMEI, a serial, the id a phone app shows).
 * @throws PositionValidationError `MISSING_DEVICE_ID` or `INVALID_DEVICE_ID`
 */
export function readDeviceId(field: string, raw: string | undefined): string {
  const id = raw?.trim();
  if (!id)
    throw new PositionValidationError(
      TRACKING_ERROR.missingDeviceId,
      field,
      undefined,
      'is required: name the device',
    );
  if (!DEVICE_ID.test(id))
    throw new PositionValidationError(
      TRACKING_ERROR.invalidDeviceId,
      field,
      raw,
      'must be 1–64 letters, digits, ., _, : or -',
    );
  return id;
}
