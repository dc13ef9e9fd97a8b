import { HttpError } from '@motorcade/lambda';
import { TooManyAttemptsError, USERS_ERROR, UsersError, type UsersErrorCode } from '../domain/errors.js';

/** The HTTP status of each domain error code. */
const STATUS: Readonly<Record<UsersErrorCode, number>> = {
  [USERS_ERROR.userNotFound]: 404,
  [USERS_ERROR.forbidden]: 403,
  [USERS_ERROR.emailTaken]: 409,
  [USERS_ERROR.cannotDisableSelf]: 409,
  [USERS_ERROR.invalidCredentials]: 401,
  [USERS_ERROR.accountDisabled]: 403,
  [USERS_ERROR.tooManyAttempts]: 429,
  [USERS_ERROR.invalidRefreshToken]: 401,
  [USERS_ERROR.invalidAccessToken]: 401,
};

/**
 * The HTTP error of a domain error (its code kept, `Retry-After` on a 429); anything else is
 * returned unchanged for the library to answer as a 500.
 * @example
 * catch (error) { throw toHttpError(error); }
 */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof UsersError)) return error;
  const headers: Record<string, string> =
    error instanceof TooManyAttemptsError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
  return new HttpError(STATUS[error.code], error.code, error.message, { headers, cause: error });
}

/**
 * Runs a domain call, turning its errors into HTTP errors.
 * @example
 * return translateErrors(() => admin.get(caller, path.userId));
 */
export async function translateErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHttpError(error);
  }
}
