import { HttpError } from '../errors/http-error.js';

/**
 * A service's domain errors and the HTTP status of each of their codes: `http` answers a thrown
 * domain error as an `HttpError` with the same code and message, so domain modules never know
 * about HTTP and handlers never catch to translate.
 * @example
 * http({ action: 'getVehicle', domainErrors: { type: VehiclesError, status: { VEHICLE_NOT_FOUND: 404 } }, handler });
 */
export interface DomainErrors<TCode extends string = string> {
  readonly type: abstract new (...args: never[]) => Error & { readonly code: TCode };
  readonly status: Readonly<Record<TCode, number>>;
}

/**
 * The `HttpError` a domain error stands for, or the error itself when it is not one of `errors`.
 * @example
 * throw asHttpError(error, { type: VehiclesError, status: STATUS });
 */
export function asHttpError(error: unknown, errors: DomainErrors | undefined): unknown {
  if (!errors || !(error instanceof errors.type)) return error;
  const { code, message } = error as Error & { code: string };
  return new HttpError(errors.status[code] ?? 500, code, message, { cause: error });
}
