import { type CronDate, CronExpressionParser } from 'cron-parser';
import { InvalidExpressionError } from './schedule-errors.js';
import { instantOf } from './zoned-time.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIRST_YEAR = 1970;
const LAST_YEAR = 2199;
/** Guards against an expression that matches nothing for centuries (e.g. `30W` in February only). */
const MAX_CANDIDATES = 20_000;

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted for values (JAN-DEC, SUN-SAT), mapped to `min + index`. */
  readonly names?: readonly string[];
}

const MINUTES: FieldSpec = { name: 'Minutes', min: 0, max: 59 };
const HOURS: FieldSpec = { name: 'Hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'Day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'Month', min: 1, max: 12, names: MONTHS };
const DAY_OF_WEEK: FieldSpec = { name: 'Day-of-week', min: 1, max: 7, names: DAYS };
const YEAR: FieldSpec = { name: 'Year', min: FIRST_YEAR, max: LAST_YEAR };

/** `nW` (the weekday nearest day n) or `LW` (the last weekday), which cron-parser does not know. */
type WeekdayRule = { readonly kind: 'nearest'; readonly day: number } | { readonly kind: 'last' };

/**
 * An EventBridge cron expression: six fields `Minutes Hours Day-of-month Month Day-of-week Year`,
 * with AWS's rules (one of the day fields must be `?`, Day-of-week 1-7 is SUN-SAT, `L`, `W`, `#`,
 * a Year field from 1970 to 2199). Occurrences are computed with cron-parser; the Year field and
 * `W`, which it lacks, are applied here.
 */
export class AwsCron {
  readonly #expression: string;
  readonly #years: ReadonlySet<number>;
  readonly #weekday: WeekdayRule | undefined;

  private constructor(expression: string, years: ReadonlySet<number>, weekday: WeekdayRule | undefined) {
    this.#expression = expression;
    this.#years = years;
    this.#weekday = weekday;
  }

  /**
   * Parses the fields inside `cron(...)`.
   * @throws InvalidExpressionError naming the field at fault
   */
  static parse(fields: string): AwsCron {
    const parts = fields.trim().split(/\s+/);
    if (parts.length !== 6) {
      throw new InvalidExpressionError(`a cron expression has six fields, got ${parts.length}`);
    }
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
      throw new InvalidExpressionError(
        'one of Day-of-month and Day-of-week must be ? (you cannot specify both, nor neither)',
      );
    }
    checkList(minutes, MINUTES);
    checkList(hours, HOURS);
    checkList(month, MONTH);
    checkList(year, YEAR);
    const weekday = dayOfMonth === '?' ? undefined : checkDayOfMonth(dayOfMonth);
    if (dayOfWeek !== '?') checkDayOfWeek(dayOfWeek);
    const cronDayOfMonth = dayOfMonth === '?' || weekday !== undefined ? '*' : dayOfMonth;
    const cronDayOfWeek = dayOfWeek === '?' ? '*' : translateDayOfWeek(dayOfWeek);
    const expression = `0 ${minutes} ${hours} ${cronDayOfMonth} ${numericMonths(month)} ${cronDayOfWeek}`;
    try {
      CronExpressionParser.parse(expression, { tz: 'UTC' });
    } catch (error) {
      throw new InvalidExpressionError((error as Error).message);
    }
    return new AwsCron(expression, expand(year, YEAR), weekday);
  }

  /** The first occurrence strictly after `after` on `timezone`'s clocks, or undefined if there is none. */
  next(after: Date, timezone: string): Date | undefined {
    let iterator = CronExpressionParser.parse(this.#expression, { currentDate: after, tz: timezone });
    for (let candidates = 0; candidates < MAX_CANDIDATES; candidates += 1) {
      const date: CronDate = iterator.next();
      const year = date.getFullYear();
      if (!this.#years.has(year)) {
        const nextYear = [...this.#years].filter((allowed) => allowed > year).sort((a, b) => a - b)[0];
        if (nextYear === undefined) return undefined;
        // Jump to the first instant of the next allowed year instead of walking through the years between.
        const start = instantOf(
          { year: nextYear, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
          timezone,
        );
        iterator = CronExpressionParser.parse(this.#expression, {
          currentDate: new Date(start.getTime() - 1000),
          tz: timezone,
        });
        continue;
      }
      if (this.#weekday && date.getDate() !== weekdayOf(this.#weekday, year, date.getMonth() + 1)) continue;
      return date.toDate();
    }
    return undefined;
  }
}

/** Checks a comma list of `*`, values, ranges and steps against the field's range. */
function checkList(field: string, spec: FieldSpec, extra?: (item: string) => boolean): void {
  for (const item of field.split(',')) {
    if (extra?.(item)) continue;
    const match = /^(\*|[A-Z0-9]+(?:-[A-Z0-9]+)?)(?:\/(\d+))?$/i.exec(item);
    if (!match) throw new InvalidExpressionError(`${spec.name} field: '${item}' is not valid`);
    const [, base = '', step] = match;
    if (step !== undefined && Number(step) < 1) {
      throw new InvalidExpressionError(`${spec.name} field: the increment in '${item}' must be at least 1`);
    }
    if (base === '*') continue;
    for (const value of base.split('-')) fieldValue(value, spec, item);
  }
}

function fieldValue(token: string, spec: FieldSpec, item: string): number {
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  const value = named >= 0 ? spec.min + named : /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (!(value >= spec.min && value <= spec.max)) {
    throw new InvalidExpressionError(
      `${spec.name} field: '${item}' is out of range (${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names.at(-1)}` : ''})`,
    );
  }
  return value;
}

/** Day-of-month: the common list syntax plus `L`, or a single `nW` / `LW`. */
function checkDayOfMonth(field: string): WeekdayRule | undefined {
  const weekday = /^(\d+|L)W$/i.exec(field);
  if (weekday) {
    const day = weekday[1] as string;
    if (day.toUpperCase() === 'L') return { kind: 'last' };
    return { kind: 'nearest', day: fieldValue(day, DAY_OF_MONTH, field) };
  }
  if (/W/i.test(field)) {
    throw new InvalidExpressionError(`Day-of-month field: '${field}': W must be alone (nW or LW)`);
  }
  checkList(field, DAY_OF_MONTH, (item) => item.toUpperCase() === 'L');
  return undefined;
}

/** Day-of-week: the common list syntax plus `L`, `nL`, or a single `n#k`. */
function checkDayOfWeek(field: string): void {
  if (field.includes('#')) {
    const match = /^([A-Z0-9]+)#([1-5])$/i.exec(field);
    if (!match) {
      throw new InvalidExpressionError(
        `Day-of-week field: '${field}': # takes one day and an instance from 1 to 5, and only one such expression`,
      );
    }
    fieldValue(match[1] as string, DAY_OF_WEEK, field);
    return;
  }
  checkList(field, DAY_OF_WEEK, (item) => {
    const last = /^([A-Z0-9]*)L$/i.exec(item);
    if (!last) return false;
    if (last[1]) fieldValue(last[1], DAY_OF_WEEK, item);
    return true;
  });
}

/** AWS counts days of week 1-7 from Sunday; cron-parser 0-6. A lone `L` is Saturday, the week's last day. */
function translateDayOfWeek(field: string): string {
  if (field.toUpperCase() === 'L') return '6';
  return field.replace(/[A-Z]{3}|\d+/gi, (token, offset: number, whole: string) => {
    // The instance after # and the increment after / are counts, not days.
    const before = whole[offset - 1];
    if (before === '#' || before === '/') return token;
    const named = DAYS.indexOf(token.toUpperCase());
    return String(named >= 0 ? named : Number(token) - 1);
  });
}

function numericMonths(field: string): string {
  return field.replace(/[A-Z]{3}/gi, (token) => String(MONTHS.indexOf(token.toUpperCase()) + 1));
}

/** Every value a field allows (used for the Year field). */
function expand(field: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [base = '*', step = '1'] = item.split('/');
    const [from, to] =
      base === '*'
        ? [spec.min, spec.max]
        : base.includes('-')
          ? (base.split('-').map((value) => fieldValue(value, spec, item)) as [number, number])
          : [fieldValue(base, spec, item), item.includes('/') ? spec.max : fieldValue(base, spec, item)];
    for (let value = from; value <= to; value += Number(step)) values.add(value);
  }
  return values;
}

/** The day of `month` a W rule picks: the weekday nearest day n without leaving the month, or the last weekday. */
function weekdayOf(rule: WeekdayRule, year: number, month: number): number {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dayOfWeek = (day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (rule.kind === 'last') {
    let day = daysInMonth;
    while (dayOfWeek(day) === 0 || dayOfWeek(day) === 6) day -= 1;
    return day;
  }
  const day = Math.min(rule.day, daysInMonth);
  const weekday = dayOfWeek(day);
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === daysInMonth ? day - 2 : day + 1;
  return day;
}
