import {
  HttpError,
  type HttpRequest,
  type HttpRequestSchemas,
  http,
  type InvocationScoped,
} from '@motorcade/lambda';
import type { UserCaller } from '../domain/caller.js';
import { VEHICLES_ERROR, VehiclesError, type VehiclesErrorCode } from '../domain/errors.js';
import { userCallerOf } from './caller-context.js';

/** The HTTP status of each domain error code. */
const STATUS: Readonly<Record<VehiclesErrorCode, number>> = {
  [VEHICLES_ERROR.vehicleNotFound]: 404,
  [VEHICLES_ERROR.noVehicle]: 404,
  [VEHICLES_ERROR.forbidden]: 403,
  [VEHICLES_ERROR.plateTaken]: 409,
  [VEHICLES_ERROR.assignmentConflict]: 409,
};

/**
 * A route behind the users authorizer: the handler gets `{ userId, orgId, role }`, and domain
 * errors become HTTP errors with the same code.
 * @example
 * export const handler = userRoute({ action: 'getVehicle', connections: [db], handler: async ({ path }, caller) => admin.get(caller, path.vehicleId) });
 */
export function userRoute<TSchemas extends HttpRequestSchemas = Record<never, never>>(options: {
  readonly action: string;
  readonly connections: readonly InvocationScoped[];
  readonly request?: TSchemas;
  readonly handler: (request: HttpRequest<TSchemas>, caller: UserCaller) => Promise<unknown>;
}) {
  return http<TSchemas>({
    action: options.action,
    connections: options.connections,
    ...(options.request ? { request: options.request } : {}),
    handler: async (request) => {
      try {
        return await options.handler(request, userCallerOf(request.event));
      } catch (error) {
        if (!(error instanceof VehiclesError)) throw error;
        throw new HttpError(STATUS[error.code], error.code, error.message, { cause: error });
      }
    },
  });
}
