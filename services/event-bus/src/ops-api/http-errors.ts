import { HttpError } from '@motorcade/lambda';
import { EventBusError, EventBusErrorCode } from '../domain/errors.js';

/**
 * Runs an ops operation and turns the domain's errors into HTTP errors with the same stable code:
 * an unknown listener is a 404, an invalid replay a 400; anything else stays a 500.
 * @example
 * return respondingTo(() => redeliverDeadLetters(path.listenerId, undefined, deps));
 */
export async function respondingTo<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof EventBusError)) throw error;
    const status = error.code === EventBusErrorCode.listenerNotFound ? 404 : 400;
    throw new HttpError(status, error.code, error.message, { cause: error });
  }
}
