import { z } from 'zod';
import { checkAttributes } from './attributes.js';
import { PositionValidationError, TRACKING_ERROR } from './errors.js';
import { readFixTime } from './fix-time.js';
import { knotsToKph, kphToKnots, type Position } from './position.js';
import {
  checkHasFix,
  checkLatitude,
  checkLongitude,
  readAccuracy,
  readBatteryPercent,
  readCourse,
  readDeviceId,
  readSpeed,
} from './position-fields.js';
import { validationErrorFromZod } from './zod-issues.js';

/**
 * Motorcade's own JSON position, as gateways and bulk senders post it in a batch (and as the
 * MQTT topic rule may deliver it). Units are in the names: a bare `speed` is refused as an
 * unknown field because its unit would be a guess. `fixTime` is ISO 8601 or epoch seconds or
 * milliseconds; `battery` is a percentage.
 */
export const positionInputSchema = z.strictObject({
  deviceId: z.string(),
  fixTime: z.union([z.string(), z.number()]),
  latitude: z.number(),
  longitude: z.number(),
  valid: z.boolean().optional(),
  speedKnots: z.number().optional(),
  speedKph: z.number().optional(),
  course: z.number().optional(),
  altitude: z.number().optional(),
  accuracy: z.number().optional(),
  battery: z.number().optional(),
  charging: z.boolean().optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
/** One position in Motorcade's JSON form. */
export type PositionInput = z.infer<typeof positionInputSchema>;

/**
 * Validates one position in Motorcade's JSON form and normalises it. `field` prefixes every
 * field name in errors (`positions[3]` gives `positions[3].latitude`).
 * @throws PositionValidationError naming the field and value
 * @example
 * const position = parsePositionInput({ ...payload, deviceId: topicDeviceId }, now);
 */
export function parsePositionInput(body: unknown, now: Date, field = ''): Position {
  const name = (key: string): string => (field === '' ? key : `${field}.${key}`);
  const parsed = positionInputSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw validationErrorFromZod(parsed.error, field);
  const input = parsed.data;
  const latitude = checkLatitude(name('latitude'), input.latitude);
  const longitude = checkLongitude(name('longitude'), input.longitude);
  checkHasFix(name('latitude,longitude'), latitude, longitude);
  const speed = readSpeeds(input, name);
  return {
    deviceId: readDeviceId(name('deviceId'), input.deviceId),
    fixTime: readFixTime(name('fixTime'), input.fixTime, now),
    latitude,
    longitude,
    valid: input.valid ?? true,
    ...speed,
    course: input.course === undefined ? null : readCourse(name('course'), input.course),
    altitude: input.altitude ?? null,
    accuracy: input.accuracy === undefined ? null : readAccuracy(input.accuracy),
    battery: input.battery === undefined ? null : readBatteryPercent(name('battery'), input.battery),
    charging: input.charging ?? null,
    attributes: checkAttributes(name('attributes'), input.attributes ?? {}),
  };
}

type Speeds = Pick<Position, 'speedKnots' | 'speedKph'>;

// The unit the sender used is kept exact; only the other one is converted.
function readSpeeds(input: PositionInput, name: (key: string) => string): Speeds {
  if (input.speedKnots !== undefined && input.speedKph !== undefined)
    throw new PositionValidationError(
      TRACKING_ERROR.invalidField,
      name('speedKph'),
      input.speedKph,
      'send speedKnots or speedKph, not both',
    );
  const knots = input.speedKnots === undefined ? null : readSpeed(input.speedKnots);
  if (knots !== null) return { speedKnots: knots, speedKph: knotsToKph(knots) };
  const kph = input.speedKph === undefined ? null : readSpeed(input.speedKph);
  if (kph !== null) return { speedKnots: kphToKnots(kph), speedKph: kph };
  return { speedKnots: null, speedKph: null };
}
