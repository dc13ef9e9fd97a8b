/** The stable codes of the tracking service's errors; the HTTP layer maps each to a status. */
export const TRACKING_ERROR = {
  /** No `id`, `deviceid` or `device_id` (400; an id naming no device is the handler's 404). */
  missingDeviceId: 'MISSING_DEVICE_ID',
  invalidDeviceId: 'INVALID_DEVICE_ID',
  missingField: 'MISSING_FIELD',
  notANumber: 'NOT_A_NUMBER',
  notABoolean: 'NOT_A_BOOLEAN',
  invalidField: 'INVALID_FIELD',
  unknownField: 'UNKNOWN_FIELD',
  latitudeOutOfRange: 'LATITUDE_OUT_OF_RANGE',
  longitudeOutOfRange: 'LONGITUDE_OUT_OF_RANGE',
  /** Latitude and longitude both 0: what a device without a satellite fix sends. */
  noFix: 'NO_FIX',
  batteryOutOfRange: 'BATTERY_OUT_OF_RANGE',
  unparseableTimestamp: 'UNPARSEABLE_TIMESTAMP',
  timestampInFuture: 'TIMESTAMP_IN_FUTURE',
  /** Before 2000: a device without a clock (timestamp 0) or a GPS week-rollover bug. */
  timestampTooOld: 'TIMESTAMP_TOO_OLD',
  tooManyAttributes: 'TOO_MANY_ATTRIBUTES',
  attributeTooLong: 'ATTRIBUTE_TOO_LONG',
  malformedBody: 'MALFORMED_BODY',
  emptyBatch: 'EMPTY_BATCH',
  batchTooLarge: 'BATCH_TOO_LARGE',
  invalidBatch: 'INVALID_BATCH',
  invalidOption: 'INVALID_OPTION',
  /** The id names no live device (or, over OsmAnd, not with this secret): 404, never a hint which. */
  deviceNotFound: 'DEVICE_NOT_FOUND',
  /** An OsmAnd request without a device secret (401). */
  unauthorized: 'UNAUTHORIZED',
  /** The caller's role may not use the route (403). */
  forbidden: 'FORBIDDEN',
  /** The API key lacks the route's scope (403). */
  insufficientScope: 'INSUFFICIENT_SCOPE',
} as const;

/** One of {@link TRACKING_ERROR}. */
export type TrackingErrorCode = (typeof TRACKING_ERROR)[keyof typeof TRACKING_ERROR];

/**
 * The base of the tracking domain's errors: a stable `code`, a one-line message fit for the
 * sender, and the original error as `cause`.
 * @example
 * throw new TrackingError(TRACKING_ERROR.invalidOption, 'timeoutSeconds must be positive');
 */
export class TrackingError extends Error {
  readonly code: TrackingErrorCode;

  constructor(code: TrackingErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * A position refused before it is stored: names the `field` as the sender spelled it
 * (`lat`, `location.coords.latitude`, `positions[3].latitude`) and the `value` it carried.
 * Always a 400, never a 500.
 * @example
 * throw new PositionValidationError(TRACKING_ERROR.latitudeOutOfRange, 'lat', 91, 'must be between -90 and 90');
 */
export class PositionValidationError extends TrackingError {
  readonly field: string;
  readonly value: unknown;
  /** What is wrong, without the field and value (`must be between -90 and 90`). */
  readonly problem: string;

  constructor(
    code: TrackingErrorCode,
    field: string,
    value: unknown,
    problem: string,
    options: { cause?: unknown } = {},
  ) {
    super(code, `${field}${value === undefined ? '' : ` ${describeValue(value)}`}: ${problem}`, options);
    this.field = field;
    this.value = value;
    this.problem = problem;
  }
}

/** One refused entry of a batch. */
export interface BatchProblem {
  readonly index: number;
  readonly field: string;
  readonly code: TrackingErrorCode;
  readonly message: string;
}

/**
 * A batch refused as a whole because some of its positions are invalid: `problems` lists each
 * (up to a cap), and the message names the first so a sender sees what to fix in one line.
 */
export class BatchValidationError extends TrackingError {
  readonly problems: readonly BatchProblem[];

  constructor(problems: readonly BatchProblem[], total: number) {
    const first = problems[0];
    const more = total > 1 ? ` (and ${total - 1} more ${total === 2 ? 'problem' : 'problems'})` : '';
    super(TRACKING_ERROR.invalidBatch, `${first ? first.message : 'invalid batch'}${more}`);
    this.problems = problems;
  }
}

/** Quotes strings and shortens long values so one bad field cannot flood a log line or a response. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : safeStringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function safeStringify(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
