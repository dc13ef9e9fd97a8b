import { HttpError } from '@motorcade/lambda';
import { CLIENTS_ERROR, ClientsError, type ClientsErrorCode } from '../domain/errors.js';

/** The HTTP status of each domain error code. */
const STATUS: Readonly<Record<ClientsErrorCode, number>> = {
  [CLIENTS_ERROR.clientNotFound]: 404,
  [CLIENTS_ERROR.keyNotFound]: 404,
  [CLIENTS_ERROR.clientNameTaken]: 409,
  [CLIENTS_ERROR.forbidden]: 403,
  [CLIENTS_ERROR.invalidApiKey]: 401,
};

/**
 * Runs a domain call, turning its errors into HTTP errors with the same code; anything else is
 * left for the library to answer as a 500.
 * @example
 * return translateErrors(() => admin.getClient(caller, path.clientId));
 */
export async function translateErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ClientsError)) throw error;
    throw new HttpError(STATUS[error.code], error.code, error.message, { cause: error });
  }
}
