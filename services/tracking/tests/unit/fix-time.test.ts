import { describe, expect, it } from 'vitest';
import { MAX_FUTURE_MS, readFixTime, TRACKING_ERROR } from '../../src/domain/index.js';
import { refusal } from './support/caught.js';

const NOW = new Date('2024-05-01T12:00:00Z');

describe('readFixTime', () => {
  it.each([
    ['epoch seconds as text', '1714557600', '2024-05-01T10:00:00.000Z'],
    ['epoch seconds as a number', 1714557600, '2024-05-01T10:00:00.000Z'],
    ['fractional epoch seconds', '1714557600.25', '2024-05-01T10:00:00.250Z'],
    ['epoch milliseconds as text', '1714557600123', '2024-05-01T10:00:00.123Z'],
    ['epoch milliseconds as a number', 1714557600123, '2024-05-01T10:00:00.123Z'],
    ['ISO 8601 with Z', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['ISO 8601 with lowercase z', '2024-05-01t10:00:00z', '2024-05-01T10:00:00.000Z'],
    ['ISO 8601 with milliseconds', '2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123Z'],
    ['ISO 8601 with microseconds', '2024-05-01T10:00:00.123456Z', '2024-05-01T10:00:00.123Z'],
    ['ISO 8601 with +hh:mm', '2024-05-01T12:30:00+02:30', '2024-05-01T10:00:00.000Z'],
    ['ISO 8601 with -hhmm', '2024-05-01T05:00:00-0500', '2024-05-01T10:00:00.000Z'],
    ['ISO 8601 with +hh', '2024-05-01T11:00:00+01', '2024-05-01T10:00:00.000Z'],
    ['ISO 8601 without seconds', '2024-05-01T10:00Z', '2024-05-01T10:00:00.000Z'],
    ['ISO 8601 without a zone, as UTC', '2024-05-01T10:00:00', '2024-05-01T10:00:00.000Z'],
    ['yyyy-MM-dd HH:mm:ss, as UTC', '2024-05-01 10:00:00', '2024-05-01T10:00:00.000Z'],
    ['yyyy-MM-dd HH:mm:ss with a zone', '2024-05-01 12:00:00+02:00', '2024-05-01T10:00:00.000Z'],
    ['surrounding spaces', ' 2024-05-01T10:00:00Z ', '2024-05-01T10:00:00.000Z'],
    ['29 February of a leap year', '2024-02-29T10:00:00Z', '2024-02-29T10:00:00.000Z'],
    ['exactly a day ahead', '2024-05-02T12:00:00Z', '2024-05-02T12:00:00.000Z'],
  ])('reads %s', (_name, raw, expected) => {
    expect(readFixTime('timestamp', raw, NOW).toISOString()).toBe(expected);
  });

  it.each([
    ['an empty string', ''],
    ['words', 'yesterday'],
    ['a negative number', -5],
    ['a negative number as text', '-1714557600'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['30 February', '2024-02-30T10:00:00Z'],
    ['29 February of a common year', '2023-02-29T10:00:00Z'],
    ['month 13', '2024-13-01T10:00:00Z'],
    ['hour 24', '2024-05-01T24:00:00Z'],
    ['minute 60', '2024-05-01T10:60:00Z'],
    ['second 60', '2024-05-01T10:00:60Z'],
    ['a date alone', '2024-05-01'],
    ['a US date', '05/01/2024 10:00:00'],
    ['an RFC 2822 date', 'Wed, 01 May 2024 10:00:00 GMT'],
    ['an offset beyond ±18 h', '2024-05-01T10:00:00+19:00'],
    ['hex', '0x6632148'],
    ['an exponent', '1.7e9'],
  ])('refuses %s as unparseable', (_name, raw) => {
    const error = refusal(() => readFixTime('timestamp', raw, NOW));

    expect(error).toMatchObject({
      code: TRACKING_ERROR.unparseableTimestamp,
      field: 'timestamp',
      value: raw,
    });
  });

  it('reads 2³¹ − 2 as seconds, the largest number Traccar reads as seconds', () => {
    const later = new Date('2038-01-20T00:00:00Z');

    expect(readFixTime('timestamp', 2_147_483_646, later).toISOString()).toBe('2038-01-19T03:14:06.000Z');
  });

  it('reads 2³¹ − 1 as milliseconds, which lands in January 1970 and is refused', () => {
    const error = refusal(() => readFixTime('timestamp', 2_147_483_647, NOW));

    expect(error.code).toBe(TRACKING_ERROR.timestampTooOld);
    expect(error.message).toContain('1970-01-25T20:31:23.647Z');
  });

  it('refuses a fix time more than a day after the server clock, saying both times', () => {
    const raw = new Date(NOW.getTime() + MAX_FUTURE_MS + 1000).toISOString();

    const error = refusal(() => readFixTime('fixTime', raw, NOW));

    expect(error.code).toBe(TRACKING_ERROR.timestampInFuture);
    expect(error.message).toContain('2024-05-01T12:00:00.000Z');
  });

  it.each([
    ['0', '0'],
    ['a 12-digit device date read as milliseconds', '010524100000'],
    ['1999', '1999-12-31T23:59:59Z'],
  ])('refuses %s as a clock that is not set', (_name, raw) => {
    expect(refusal(() => readFixTime('timestamp', raw, NOW)).code).toBe(TRACKING_ERROR.timestampTooOld);
  });
});
