import { HttpError, ValidationError } from '@motorcade/lambda';
import { InvalidItemError, ITEMS_ERROR, ItemsError, type ItemsErrorCode } from '../domain/errors.js';

/** The HTTP status of each domain error code. */
const STATUS: Readonly<Record<ItemsErrorCode, number>> = {
  [ITEMS_ERROR.invalidItem]: 400,
  [ITEMS_ERROR.windowClosed]: 400,
  [ITEMS_ERROR.idempotencyConflict]: 409,
  [ITEMS_ERROR.illegalTransition]: 409,
  [ITEMS_ERROR.transitionNotAllowed]: 409,
  [ITEMS_ERROR.notYourItem]: 404,
  [ITEMS_ERROR.allocationConflict]: 409,
  [ITEMS_ERROR.itemNotFound]: 404,
  [ITEMS_ERROR.insufficientScope]: 403,
  [ITEMS_ERROR.forbidden]: 403,
};

/**
 * A domain error as the HTTP error clients see. An invalid item is the library's 400
 * `VALIDATION_FAILED` naming each field under `body.`, so every 400 of the API reads alike; anything
 * not the domain's is passed on (the library answers it as a 500 that exposes nothing).
 * @example
 * try { … } catch (error) { throw toHttpError(error); }
 */
export function toHttpError(error: unknown): unknown {
  if (error instanceof InvalidItemError)
    return new ValidationError(
      error.problems.map((problem) => ({
        path: problem.path === '' ? 'body' : `body.${problem.path}`,
        message: problem.message,
      })),
      { cause: error },
    );
  if (!(error instanceof ItemsError)) return error;
  const fields =
    error.code === ITEMS_ERROR.windowClosed
      ? [{ path: 'body.window.to', message: error.message }]
      : undefined;
  // Someone else's item reads exactly like a missing one.
  const code = error.code === ITEMS_ERROR.notYourItem ? ITEMS_ERROR.itemNotFound : error.code;
  return new HttpError(STATUS[error.code], code, error.message, {
    cause: error,
    ...(fields ? { fields } : {}),
  });
}
