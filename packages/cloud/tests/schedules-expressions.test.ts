import { describe, expect, it } from 'vitest';
import { InvalidExpressionError, nextOccurrence, parseScheduleExpression } from '../src/schedules/index.js';

const FROM = new Date('2025-01-15T10:00:00Z'); // a Wednesday

/** The next `count` occurrences after FROM. */
function occurrences(text: string, count = 3, timezone = 'UTC'): string[] {
  const expression = parseScheduleExpression(text, 'scheduler');
  const result: string[] = [];
  let after = FROM;
  for (let i = 0; i < count; i += 1) {
    const next = nextOccurrence(expression, after, { timezone, anchor: FROM });
    if (!next) break;
    result.push(next.toISOString());
    after = next;
  }
  return result;
}

describe('schedule expressions', () => {
  it.each([
    ['rate(1 minute)', ['2025-01-15T10:01:00.000Z', '2025-01-15T10:02:00.000Z']],
    ['rate(2 hours)', ['2025-01-15T12:00:00.000Z', '2025-01-15T14:00:00.000Z']],
    ['cron(0/15 * * * ? *)', ['2025-01-15T10:15:00.000Z', '2025-01-15T10:30:00.000Z']],
    ['cron(0 8 ? * MON-FRI *)', ['2025-01-16T08:00:00.000Z', '2025-01-17T08:00:00.000Z']],
    ['cron(0 8 ? * 2-6 *)', ['2025-01-16T08:00:00.000Z', '2025-01-17T08:00:00.000Z']],
    ['cron(0 10 ? * 6L *)', ['2025-01-31T10:00:00.000Z', '2025-02-28T10:00:00.000Z']],
    ['cron(0 10 ? * L *)', ['2025-01-18T10:00:00.000Z', '2025-01-25T10:00:00.000Z']],
    ['cron(0 10 ? * 2#1 *)', ['2025-02-03T10:00:00.000Z', '2025-03-03T10:00:00.000Z']],
    ['cron(0 9 15W * ? *)', ['2025-02-14T09:00:00.000Z', '2025-03-14T09:00:00.000Z']],
    ['cron(0 9 LW * ? *)', ['2025-01-31T09:00:00.000Z', '2025-02-28T09:00:00.000Z']],
    ['cron(0 18 L * ? *)', ['2025-01-31T18:00:00.000Z', '2025-02-28T18:00:00.000Z']],
    ['cron(0 12 1 JAN,JUL ? 2027-2028)', ['2027-01-01T12:00:00.000Z', '2027-07-01T12:00:00.000Z']],
  ])('finds the occurrences of %s', (text, expected) => {
    // Act
    const result = occurrences(text, expected.length);

    // Assess
    expect(result).toEqual(expected);
  });

  it('evaluates cron in the schedule’s time zone, across daylight saving', () => {
    // Act: 08:00 in Paris is 07:00 UTC in winter and 06:00 UTC in summer.
    const winter = occurrences('cron(0 8 * * ? *)', 1, 'Europe/Paris');
    const summer = nextOccurrence(
      parseScheduleExpression('cron(0 8 * * ? *)', 'scheduler'),
      new Date('2025-06-15T10:00:00Z'),
      { timezone: 'Europe/Paris', anchor: FROM },
    );

    // Assess
    expect(winter).toEqual(['2025-01-16T07:00:00.000Z']);
    expect(summer?.toISOString()).toBe('2025-06-16T06:00:00.000Z');
  });

  it('ends a schedule whose years are over and fires a one-time schedule once', () => {
    // Act
    const over = occurrences('cron(0 12 1 1 ? 2020)');
    const once = occurrences('at(2025-03-01T12:00:00)', 3, 'Asia/Tokyo');

    // Assess
    expect(over).toEqual([]);
    expect(once).toEqual(['2025-03-01T03:00:00.000Z']);
  });

  it.each([
    ['cron(0 10 * * * *)', 'events', /one of Day-of-month and Day-of-week must be \?/],
    ['cron(0 10 ? * ? *)', 'events', /one of Day-of-month and Day-of-week must be \?/],
    ['cron(0 10 * * ?)', 'events', /six fields, got 5/],
    ['cron(60 10 * * ? *)', 'events', /Minutes field: '60' is out of range \(0-59\)/],
    ['cron(0 10 ? * 8 *)', 'events', /Day-of-week field: '8' is out of range \(1-7 or SUN-SAT\)/],
    ['cron(0 10 ? * 2#1,3#2 *)', 'events', /only one such expression/],
    ['cron(0 10 ? JAN-FOO * *)', 'events', /Month field/],
    ['cron(0 10 1,15W * ? *)', 'events', /W must be alone/],
    ['cron(0 10 * * ? 1969)', 'events', /Year field: '1969' is out of range \(1970-2199\)/],
    ['rate(1 minutes)', 'events', /use rate\(1 minute\) for a value of 1/],
    ['rate(5 minute)', 'events', /rate\(N minutes\) otherwise/],
    ['rate(0 minutes)', 'scheduler', /positive whole number/],
    ['rate(5 seconds)', 'scheduler', /unit minutes, hours or days/],
    ['at(2025-01-01T00:00:00)', 'events', /must be rate\(\.\.\.\) or cron\(\.\.\.\)$/],
    ['at(2025-01-01 00:00)', 'scheduler', /yyyy-mm-ddThh:mm:ss/],
  ] as const)('refuses %s (%s)', (text, dialect, message) => {
    // Act
    const parse = () => parseScheduleExpression(text, dialect);

    // Assess
    expect(parse).toThrow(InvalidExpressionError);
    expect(parse).toThrow(message);
  });
});
