import {
  HttpError,
  type HttpRequest,
  type HttpRequestSchemas,
  http,
  type InvocationScoped,
} from '@motorcade/lambda';
import {
  ALLOCATION_ERROR,
  AllocationError,
  type AllocationErrorCode,
  type UserCaller,
} from '../domain/index.js';
import { userCallerOf } from './caller-context.js';

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
  return http<TSchemas>({
    action: options.action,
    connections: options.connections,
    ...(options.request ? { request: options.request } : {}),
    handler: async (request) => {
      try {
        return await options.handler(request, userCallerOf(request.event));
      } catch (error) {
        if (!(error instanceof AllocationError)) throw error;
        throw new HttpError(STATUS[error.code], error.code, error.message, { cause: error });
      }
    },
  });
}
