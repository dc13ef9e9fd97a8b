import { attributeFromText, checkAttributes } from './attributes.js';
import { PositionValidationError, TRACKING_ERROR } from './errors.js';
import { readFixTime } from './fix-time.js';
import { type AttributeValue, knotsToKph, type Position } from './position.js';
import {
  checkHasFix,
  checkLatitude,
  checkLongitude,
  readAccuracy,
  readBatteryPercent,
  readBoolean,
  readCourse,
  readDeviceId,
  readNumber,
  readSpeed,
} from './position-fields.js';

/** OsmAnd parameters that are read into a position's own fields, never kept as attributes. */
const KNOWN = new Set([
  'id',
  'deviceid',
  'valid',
  'timestamp',
  'lat',
  'lon',
  'location',
  'speed',
  'bearing',
  'heading',
  'altitude',
  'accuracy',
  'batt',
  'charge',
]);

/** Parameters never stored: `key` is the device's secret (see the devices service). */
const NEVER_STORED = new Set(['key']);

/**
 * Reads one position from OsmAnd query or form parameters, as OsmAnd, Traccar Client up to
 * version 8 and countless trackers send them: `id` or `deviceid`; `lat` and `lon`, or
 * `location=lat,lon`; `timestamp` (seconds, milliseconds, ISO 8601 or `yyyy-MM-dd HH:mm:ss`,
 * the server's `now` when absent, as in Traccar); `speed` in knots; `bearing` or `heading` in
 * degrees; `altitude` and `accuracy` in metres; `batt` in percent; `charge` and `valid` as
 * booleans. Every other parameter is kept as an attribute (`hdop`, `driverUniqueId`, …), typed
 * as Traccar types it; empty values are skipped, as Traccar skips them.
 *
 * Unlike Traccar, a request without coordinates is refused rather than given the device's last
 * location: a fabricated position would corrupt the history and trip detection.
 *
 * Whether the id names a registered device is not checked here: that 404 is the handler's.
 * @throws PositionValidationError naming the parameter and its value
 * @example
 * parseOsmandParameters({ id: '123456', lat: '52.52', lon: '13.40', timestamp: '1714557600', speed: '10' }, now);
 */
export function parseOsmandParameters(
  params: Readonly<Record<string, string | undefined>>,
  now: Date,
): Position {
  const present = Object.fromEntries(
    Object.entries(params).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
    ),
  );
  const deviceId = readDeviceId(present.id === undefined ? 'deviceid' : 'id', present.id ?? present.deviceid);
  const { latitude, longitude } = coordinates(present);
  const number = (field: string): number | undefined => {
    const raw = present[field];
    return raw === undefined ? undefined : readNumber(field, raw);
  };
  const speedKnots = optional(number('speed'), readSpeed);
  const courseField = present.bearing === undefined ? 'heading' : 'bearing';
  return {
    deviceId,
    fixTime: present.timestamp === undefined ? now : readFixTime('timestamp', present.timestamp, now),
    latitude,
    longitude,
    valid: present.valid === undefined ? true : readBoolean('valid', present.valid),
    speedKnots,
    speedKph: speedKnots === null ? null : knotsToKph(speedKnots),
    course: optional(number(courseField), (value) => readCourse(courseField, value)),
    altitude: number('altitude') ?? null,
    accuracy: optional(number('accuracy'), readAccuracy),
    battery: optional(number('batt'), (value) => readBatteryPercent('batt', value)),
    charging: present.charge === undefined ? null : readBoolean('charge', present.charge),
    attributes: checkAttributes('attributes', extraAttributes(present)),
  };
}

function coordinates(params: Readonly<Record<string, string>>): { latitude: number; longitude: number } {
  if (params.lat !== undefined || params.lon !== undefined) {
    if (params.lat === undefined) throw missing('lat');
    if (params.lon === undefined) throw missing('lon');
    const latitude = checkLatitude('lat', readNumber('lat', params.lat));
    const longitude = checkLongitude('lon', readNumber('lon', params.lon));
    checkHasFix('lat,lon', latitude, longitude);
    return { latitude, longitude };
  }
  if (params.location === undefined) throw missing('lat');
  const parts = params.location.split(',');
  if (parts.length !== 2)
    throw new PositionValidationError(
      TRACKING_ERROR.invalidField,
      'location',
      params.location,
      'must be "latitude,longitude"',
    );
  const latitude = checkLatitude('location', readNumber('location', parts[0] ?? ''));
  const longitude = checkLongitude('location', readNumber('location', parts[1] ?? ''));
  checkHasFix('location', latitude, longitude);
  return { latitude, longitude };
}

function missing(field: 'lat' | 'lon'): PositionValidationError {
  return new PositionValidationError(
    TRACKING_ERROR.missingField,
    field,
    undefined,
    'is required: send lat and lon, or location=lat,lon',
  );
}

// Object.fromEntries defines own properties, so a parameter named `__proto__` cannot touch the prototype.
function extraAttributes(params: Readonly<Record<string, string>>): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([name]) => !KNOWN.has(name) && !NEVER_STORED.has(name))
      .map(([name, text]): [string, AttributeValue] => [name, attributeValue(name, text)]),
  );
}

function attributeValue(name: string, text: string): AttributeValue {
  // hdop is documented as a number, so a bad one is refused like any numeric field.
  if (name === 'hdop') return readNumber('hdop', text);
  // A driver's id is an identifier even when it looks like a number (leading zeros matter).
  if (name === 'driverUniqueId') return text;
  return attributeFromText(text);
}

function optional<T>(value: number | undefined, read: (value: number) => T): T | null {
  return value === undefined ? null : read(value);
}
