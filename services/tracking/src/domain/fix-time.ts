import { PositionValidationError, TRACKING_ERROR } from './errors.js';

/** How far ahead of the server's clock a fix time may be: a day covers any time zone mistake. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/** The earliest fix time accepted; earlier ones come from devices with no clock. */
export const EARLIEST_FIX_TIME = new Date('2000-01-01T00:00:00Z');

/** Below this a number is seconds, above it milliseconds: Traccar's rule (Java's Integer.MAX_VALUE). */
const SECONDS_LIMIT = 2_147_483_647;

const DECIMAL = /^\d+(?:\.\d+)?$/;

// Calendar date and time with `T` or a space, optional seconds and fraction, optional zone.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a fix time as OsmAnd senders write it and checks it is plausible: seconds or
 * milliseconds since the epoch (a number below 2³¹ is seconds, as in Traccar), ISO 8601
 * (`2024-05-01T10:00:00Z`, `+02:00` offsets), or Traccar's `yyyy-MM-dd HH:mm:ss`. A time without
 * a zone is UTC — Traccar would use the server's zone, which on Lambda is UTC anyway, and this way
 * the result never depends on `TZ`. Dates that do not exist (30 February) are refused, not rolled
 * over as `Date.parse` would.
 * @throws PositionValidationError `UNPARSEABLE_TIMESTAMP`, `TIMESTAMP_IN_FUTURE` (more than a day
 * after `now`) or `TIMESTAMP_TOO_OLD` (before 2000)
 * @example
 * readFixTime('timestamp', '1714557600', now); // 2024-05-01T10:00:00.000Z
 */
export function readFixTime(field: string, raw: string | number, now: Date): Date {
  const time = typeof raw === 'number' ? fromEpochNumber(raw) : fromText(raw.trim());
  if (time === undefined) {
    throw new PositionValidationError(
      TRACKING_ERROR.unparseableTimestamp,
      field,
      raw,
      'must be seconds or milliseconds since 1970, ISO 8601, or yyyy-MM-dd HH:mm:ss (UTC)',
    );
  }
  if (time.getTime() > now.getTime() + MAX_FUTURE_MS) {
    throw new PositionValidationError(
      TRACKING_ERROR.timestampInFuture,
      field,
      raw,
      `is ${time.toISOString()}, more than a day after the server's clock (${now.toISOString()})`,
    );
  }
  if (time.getTime() < EARLIEST_FIX_TIME.getTime()) {
    throw new PositionValidationError(
      TRACKING_ERROR.timestampTooOld,
      field,
      raw,
      `is ${time.toISOString()}, before 2000: the device's clock is not set`,
    );
  }
  return time;
}

function fromEpochNumber(value: number): Date | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  return new Date(Math.round(value < SECONDS_LIMIT ? value * 1000 : value));
}

function fromText(text: string): Date | undefined {
  if (DECIMAL.test(text)) return fromEpochNumber(Number(text));
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone = 'Z'] = match;
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const offset = zoneOffsetMinutes(zone);
  if (offset === undefined) return undefined;
  const millis = Math.round(Number(`0.${fraction}`) * 1000);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, millis) - offset * 60_000);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 18 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
