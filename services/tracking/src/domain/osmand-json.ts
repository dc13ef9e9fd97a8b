import { z } from 'zod';
import { checkAttributes } from './attributes.js';
import { readFixTime } from './fix-time.js';
import { type AttributeValue, knotsToKph, mpsToKnots, type Position } from './position.js';
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

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * The JSON body Traccar Client 9 POSTs (its background-location SDK's native format): `speed`
 * in m/s, `heading` in degrees, `accuracy` and `altitude` in metres, a negative value meaning
 * unknown; `battery.level` from 0 to 1. Unknown fields are allowed, as newer apps add some.
 */
export const traccarJsonSchema = z.looseObject({
  device_id: z.union([z.string(), z.number()]).optional(),
  location: z.looseObject({
    timestamp: z.union([z.string(), z.number()]),
    coords: z.looseObject({
      latitude: z.number(),
      longitude: z.number(),
      accuracy: z.number().optional(),
      speed: z.number().optional(),
      heading: z.number().optional(),
      altitude: z.number().optional(),
    }),
    is_moving: z.boolean().optional(),
    odometer: z.number().optional(),
    event: z.string().optional(),
    mock: z.boolean().optional(),
    activity: z.looseObject({ type: z.string() }).optional(),
    battery: z.looseObject({ level: z.number().optional(), is_charging: z.boolean().optional() }).optional(),
    extras: z.record(z.string(), scalar).optional(),
  }),
});
/** Traccar Client 9's JSON position. */
export type TraccarJson = z.infer<typeof traccarJsonSchema>;

/**
 * Reads one position from Traccar Client 9's JSON body. `device_id` names the device unless the
 * query string already did (`fallbackDeviceId`), the same precedence the devices service uses to
 * authenticate the request, so the position is always stored for the device that authenticated.
 * `is_moving`, `odometer` (metres, the phone's own count), `event`, `mock`, `activity.type` and
 * `extras` are kept as attributes (`motion`, `odometer`, …).
 * @throws PositionValidationError naming the JSON path (`location.coords.latitude`) and value
 * @example
 * parseOsmandJson({ device_id: '48241179', location: { timestamp: '2024-05-01T10:00:00Z', coords: { latitude: 52.5, longitude: 13.4 } } }, now);
 */
export function parseOsmandJson(body: unknown, now: Date, fallbackDeviceId?: string): Position {
  const parsed = traccarJsonSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const { location } = parsed.data;
  const { coords } = location;
  const deviceId =
    fallbackDeviceId === undefined
      ? readDeviceId('device_id', idText(parsed.data.device_id))
      : readDeviceId('id', fallbackDeviceId);
  const latitude = checkLatitude('location.coords.latitude', coords.latitude);
  const longitude = checkLongitude('location.coords.longitude', coords.longitude);
  checkHasFix('location.coords', latitude, longitude);
  const speedKnots = coords.speed === undefined ? null : optionalMps(coords.speed);
  const level = location.battery?.level;
  return {
    deviceId,
    fixTime: readFixTime('location.timestamp', location.timestamp, now),
    latitude,
    longitude,
    valid: true,
    speedKnots,
    speedKph: speedKnots === null ? null : knotsToKph(speedKnots),
    course: coords.heading === undefined ? null : readCourse('location.coords.heading', coords.heading),
    altitude: coords.altitude ?? null,
    accuracy: coords.accuracy === undefined ? null : readAccuracy(coords.accuracy),
    battery:
      level === undefined
        ? null
        : readBatteryPercent('location.battery.level', level < 0 ? level : level * 100),
    charging: location.battery?.is_charging ?? null,
    attributes: checkAttributes('location.extras', attributes(parsed.data)),
  };
}

function idText(id: string | number | undefined): string | undefined {
  return id === undefined ? undefined : String(id);
}

function optionalMps(mps: number): number | null {
  const speed = readSpeed(mps);
  return speed === null ? null : mpsToKnots(speed);
}

function attributes({ location }: TraccarJson): Record<string, AttributeValue> {
  const known: [string, AttributeValue | undefined][] = [
    ['motion', location.is_moving],
    ['odometer', location.odometer],
    ['event', location.event],
    ['mock', location.mock],
    ['activity', location.activity?.type],
  ];
  // Extras first, so the fields Traccar itself names win over an app's extra of the same name.
  return Object.fromEntries(
    [...Object.entries(location.extras ?? {}), ...known].filter(
      (entry): entry is [string, AttributeValue] => entry[1] !== undefined,
    ),
  );
}
