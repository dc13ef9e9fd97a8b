import { z } from 'zod';
import { PositionValidationError } from './errors.js';
import type { Position } from './position.js';
import { parsePositionInput } from './position-input.js';
import { validationErrorFromZod } from './zod-issues.js';

/**
 * What a device publishes to `fleet/<deviceId>/position`, plus the `deviceId` the topic rule adds
 * from the topic (`SELECT *, topic(2) AS deviceId`): short names, as constrained devices send them.
 * `fixTime` is ISO 8601 or epoch seconds or milliseconds; `heading` in degrees; `battery` in percent.
 */
export const mqttPositionSchema = z.strictObject({
  deviceId: z.string(),
  lat: z.number(),
  lon: z.number(),
  fixTime: z.union([z.string(), z.number()]),
  speedKph: z.number().optional(),
  heading: z.number().optional(),
  altitude: z.number().optional(),
  accuracy: z.number().optional(),
  battery: z.number().optional(),
});
/** An MQTT position message as the topic rule delivers it. */
export type MqttPosition = z.infer<typeof mqttPositionSchema>;

/**
 * Validates an MQTT position with the same rules as every other form (ranges, 0,0, fix time), the
 * errors naming the fields as the device spelled them (`lat`, not `latitude`).
 * @throws PositionValidationError naming the field and value
 * @example
 * const position = parseMqttPosition({ deviceId, lat: 52.52, lon: 13.4, fixTime: '2024-05-01T10:00:00Z' }, now);
 */
export function parseMqttPosition(payload: unknown, now: Date): Position {
  const parsed = mqttPositionSchema.safeParse(payload, { reportInput: true });
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const { lat, lon, heading, deviceId, ...rest } = parsed.data;
  try {
    return parsePositionInput(
      {
        deviceId,
        latitude: lat,
        longitude: lon,
        ...rest,
        ...(heading === undefined ? {} : { course: heading }),
      },
      now,
    );
  } catch (error) {
    throw renamed(error);
  }
}

const RENAMES: Readonly<Record<string, string>> = { latitude: 'lat', longitude: 'lon', course: 'heading' };

// The shared parser names its own fields; give the device back the names it sent.
function renamed(error: unknown): unknown {
  if (!(error instanceof PositionValidationError)) return error;
  const field = error.field
    .split(/([.,])/)
    .map((part) => RENAMES[part] ?? part)
    .join('');
  if (field === error.field) return error;
  return new PositionValidationError(error.code, field, error.value, error.problem, { cause: error });
}
