import {
  type HttpRequest,
  type HttpRequestSchemas,
  http,
  type InvocationScoped,
  userContextSchema,
} from '@motorcade/lambda';
import type { UserCaller } from '../domain/caller.js';
import { VEHICLES_ERROR, VehiclesError, type VehiclesErrorCode } from '../domain/errors.js';

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
  return http({
    action: options.action,
    connections: options.connections,
    request: { ...options.request, authorizer: userContextSchema },
    domainErrors: { type: VehiclesError, status: STATUS },
    // The request differs from the caller's schemas only by the authorizer, handed over as the caller.
    handler: (request) => options.handler(request as unknown as HttpRequest<TSchemas>, request.authorizer),
  });
}
