import { type HttpRequest, type HttpRequestSchemas, http, type InvocationScoped } from '@motorcade/lambda';
import type { ClientCaller, UserCaller } from '../domain/caller.js';
import { clientCallerOf, userCallerOf } from './caller-context.js';
import { translateErrors } from './http-errors.js';

/** Options of {@link userRoute} and {@link clientRoute}. */
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
    handler: (request) => translateErrors(() => options.handler(request, callerOf(request))),
  });
}

/**
 * A route behind the users authorizer: the handler gets `{ userId, orgId, role }`.
 * @example
 * export const handler = userRoute({ action: 'listClients', connections: [db], handler: async (_request, caller) => admin.listClients(caller) });
 */
export function userRoute<TSchemas extends HttpRequestSchemas = Record<never, never>>(
  options: RouteOptions<TSchemas, UserCaller>,
) {
  return route(options, (request) => userCallerOf(request.event));
}

/**
 * A route behind this service's API key authorizer: the handler gets `{ clientId, orgId, scopes }`.
 * @example
 * export const handler = clientRoute({ action: 'whoAmI', connections: [], handler: async (_request, client) => client });
 */
export function clientRoute<TSchemas extends HttpRequestSchemas = Record<never, never>>(
  options: RouteOptions<TSchemas, ClientCaller>,
) {
  return route(options, (request) => clientCallerOf(request.event));
}
