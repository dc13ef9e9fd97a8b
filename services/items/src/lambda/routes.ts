import { type HttpRequest, type HttpRequestSchemas, http, type InvocationScoped } from '@motorcade/lambda';
import type { ClientCaller, UserCaller } from '../domain/access.js';
import { clientCallerOf, userCallerOf } from './callers.js';
import { toHttpError } from './http-errors.js';

/** Options of a route: the action's name, its connections, its request schemas and the domain call. */
interface RouteOptions<TSchemas extends HttpRequestSchemas, TCaller> {
  readonly action: string;
  readonly connections: readonly InvocationScoped[];
  readonly request?: TSchemas;
  readonly handler: (request: HttpRequest<TSchemas>, caller: TCaller) => Promise<unknown>;
}

function route<TSchemas extends HttpRequestSchemas, TCaller>(
  options: RouteOptions<TSchemas, TCaller>,
  callerOf: (request: HttpRequest<TSchemas>) => TCaller,
) {
  return http<TSchemas>({
    action: options.action,
    connections: options.connections,
    ...(options.request ? { request: options.request } : {}),
    handler: async (request) => {
      try {
        return await options.handler(request, callerOf(request));
      } catch (error) {
        throw toHttpError(error);
      }
    },
  });
}

/**
 * A route behind the clients service's API-key authorizer: the handler gets `{ clientId, orgId,
 * scopes }` (checking its scope is the handler's first step), and domain errors become HTTP errors.
 * @example
 * export const handler = clientRoute({ action: 'clientGetItem', connections: [db], handler: async ({ path }, caller) => … });
 */
export function clientRoute<TSchemas extends HttpRequestSchemas = Record<never, never>>(
  options: RouteOptions<TSchemas, ClientCaller>,
) {
  return route(options, (request) => clientCallerOf(request.event));
}

/**
 * A route behind the users service's token authorizer: the handler gets `{ userId, orgId, role }`.
 * @example
 * export const handler = userRoute({ action: 'orgListItems', connections: [db], handler: async ({ query }, caller) => … });
 */
export function userRoute<TSchemas extends HttpRequestSchemas = Record<never, never>>(
  options: RouteOptions<TSchemas, UserCaller>,
) {
  return route(options, (request) => userCallerOf(request.event));
}
