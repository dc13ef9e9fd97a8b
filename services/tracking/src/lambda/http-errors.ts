import { HttpError } from '@motorcade/lambda';
import {
  BatchValidationError,
  PositionValidationError,
  TRACKING_ERROR,
  TrackingError,
  type TrackingErrorCode,
} from '../domain/errors.js';

/** Codes that are not a 400. */
const STATUS: Partial<Record<TrackingErrorCode, number>> = {
  [TRACKING_ERROR.deviceNotFound]: 404,
  [TRACKING_ERROR.unauthorized]: 401,
  [TRACKING_ERROR.forbidden]: 403,
  [TRACKING_ERROR.insufficientScope]: 403,
  [TRACKING_ERROR.invalidOption]: 500,
};

/**
 * The HTTP error of a domain error: bad input is a 400 naming the field (a batch's problems as
 * `fields`), an unknown device 404, a missing secret 401, a role or scope 403. Anything else is
 * returned as it was, for the library's plain 500.
 * @example
 * try { … } catch (error) { throw toHttpError(error); }
 */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof TrackingError)) return error;
  const status = STATUS[error.code] ?? 400;
  if (error instanceof BatchValidationError)
    return new HttpError(status, error.code, error.message, {
      cause: error,
      fields: error.problems.map((problem) => ({ path: problem.field, message: problem.message })),
    });
  if (error instanceof PositionValidationError)
    return new HttpError(status, error.code, error.message, {
      cause: error,
      fields: [{ path: error.field, message: error.problem }],
    });
  return new HttpError(status, error.code, error.message, { cause: error });
}

/**
 * Runs a route's domain call, mapping its errors with {@link toHttpError}.
 * @example
 * handler: async (request) => mapped(() => latest(request)),
 */
export async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHttpError(error);
  }
}
