import { AwsCron } from './aws-cron.js';
import { InvalidExpressionError } from './schedule-errors.js';
import { instantOf } from './zoned-time.js';

/** Which service reads the expression: EventBridge rules know rate and cron; Scheduler also one-time `at()`. */
export type ExpressionDialect = 'events' | 'scheduler';

/** A parsed schedule expression. */
export type ScheduleExpression =
  | { readonly kind: 'rate'; readonly text: string; readonly periodMs: number }
  | { readonly kind: 'cron'; readonly text: string; readonly cron: AwsCron }
  | { readonly kind: 'at'; readonly text: string; readonly wallClock: string };

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/**
 * Parses `rate(value unit)`, `cron(fields)` and (for Scheduler) `at(yyyy-mm-ddThh:mm:ss)`.
 *
 * EventBridge rules want the singular unit for 1 and the plural otherwise (`rate(1 minute)`,
 * `rate(5 minutes)`); Scheduler accepts either.
 * @throws InvalidExpressionError saying what is wrong
 */
export function parseScheduleExpression(text: string, dialect: ExpressionDialect): ScheduleExpression {
  const rate = /^rate\((.*)\)$/.exec(text);
  if (rate) return { kind: 'rate', text, periodMs: ratePeriod(rate[1] as string, dialect) };
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron) return { kind: 'cron', text, cron: AwsCron.parse(cron[1] as string) };
  const at = /^at\((.*)\)$/.exec(text);
  if (at && dialect === 'scheduler') {
    const wallClock = at[1] as string;
    if (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(wallClock) ||
      Number.isNaN(Date.parse(`${wallClock}Z`))
    ) {
      throw new InvalidExpressionError(`'${wallClock}' is not a time of the form yyyy-mm-ddThh:mm:ss`);
    }
    return { kind: 'at', text, wallClock };
  }
  const forms = dialect === 'scheduler' ? 'rate(...), cron(...) or at(...)' : 'rate(...) or cron(...)';
  throw new InvalidExpressionError(`an expression must be ${forms}`);
}

function ratePeriod(body: string, dialect: ExpressionDialect): number {
  const match = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(body);
  if (!match)
    throw new InvalidExpressionError(`'rate(${body})' must be rate(value unit), unit minutes, hours or days`);
  const value = Number(match[1]);
  const unit = match[2] as string;
  if (value < 1) throw new InvalidExpressionError('the rate value must be a positive whole number');
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  if (dialect === 'events' && (value === 1) !== (unit === singular)) {
    throw new InvalidExpressionError(
      `use rate(1 ${singular}) for a value of 1 and rate(N ${singular}s) otherwise, got rate(${value} ${unit})`,
    );
  }
  return value * UNIT_MS[singular as keyof typeof UNIT_MS];
}

/** Where a schedule's occurrences are counted from. */
export interface OccurrenceContext {
  /** IANA zone for cron and at (UTC unless ScheduleExpressionTimezone says otherwise); rate ignores it. */
  readonly timezone: string;
  /** A rate schedule fires at `anchor + k × period` (its creation, or StartDate). */
  readonly anchor: Date;
}

/** The first occurrence strictly after `after`, or undefined when the schedule is over. */
export function nextOccurrence(
  expression: ScheduleExpression,
  after: Date,
  context: OccurrenceContext,
): Date | undefined {
  switch (expression.kind) {
    case 'rate': {
      const elapsed = after.getTime() - context.anchor.getTime();
      const periods = elapsed < 0 ? 0 : Math.floor(elapsed / expression.periodMs) + 1;
      return new Date(context.anchor.getTime() + periods * expression.periodMs);
    }
    case 'cron':
      return expression.cron.next(after, context.timezone);
    case 'at': {
      const [date = '', time = ''] = expression.wallClock.split('T');
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
      const instant = instantOf({ year, month, day, hour, minute, second }, context.timezone);
      return instant > after ? instant : undefined;
    }
  }
}
