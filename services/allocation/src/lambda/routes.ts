import {
  type HttpRequest,
  type HttpRequestSchemas,
  http,
  type InvocationScoped,
  userContextSchema,
} from '@motorcade/lambda';
import {
  ALLOCATION_ERROR,
  AllocationError,
  type AllocationErrorCode,
  type UserCaller,
} from '../domain/index.js';

/**
 * The HTTP status of each domain error code. An offer made to another vehicle is a 404 like a
 * missing one, so a driver learns nothing about offers that are not theirs.
 */
const STATUS: Readonly<Record<AllocationErrorCode, number>> = {
  [ALLOCATION_ERROR.offerNotFound]: 404,
  [ALLOCATION_ERROR.offerNotForVehicle]: 404,
  [ALLOCATION_ERROR.offerExpired]: 409,
  [ALLOCATION_ERROR.offerSuperseded]: 409,
  [ALLOCATION_ERROR.noVehicle]: 409,
  [ALLOCATION_ERROR.forbidden]: 403,
};

/**
 * A route behind the users authorizer: the handler gets `{ userId, orgId, role }`, and domain
 * errors become HTTP errors with the same code.
 * @example
 * export const handler = userRoute({ action: 'listOffers', connections: [db], handler: async ({ query }, caller) => offers.list(caller, query) });
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
    domainErrors: { type: AllocationError, status: STATUS },
    // The request differs from the caller's schemas only by the authorizer, handed over as the caller.
    handler: (request) => options.handler(request as unknown as HttpRequest<TSchemas>, request.authorizer),
  });
}
