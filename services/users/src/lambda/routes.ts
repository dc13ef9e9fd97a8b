import { type HttpRequest, type HttpRequestSchemas, http, type InvocationScoped } from '@motorcade/lambda';
import type { Caller } from '../domain/caller.js';
import { callerOf } from './caller-context.js';
import { translateErrors } from './http-errors.js';

/** Options of {@link publicRoute} and {@link userRoute}. */
interface RouteOptions<TSchemas extends HttpRequestSchemas, THandler> {
  readonly action: string;
  readonly connections: readonly InvocationScoped[];
  readonly request?: TSchemas;
  readonly handler: THandler;
}

/**
 * A route anyone may call (login, refresh, health): the library's `http` with domain errors mapped.
 * @example
 * export const handler = publicRoute({ action: 'login', connections: [db], request: { body }, handler: async ({ body }) => ... });
 */
export function publicRoute<TSchemas extends HttpRequestSchemas = Record<never, never>>(
  options: RouteOptions<TSchemas, (request: HttpRequest<TSchemas>) => Promise<unknown>>,
) {
  return http<TSchemas>({
    action: options.action,
    connections: options.connections,
    ...(options.request ? { request: options.request } : {}),
    handler: (request) => translateErrors(() => options.handler(request)),
  });
}

/**
 * A route behind the users authorizer: the handler gets the caller from the authorizer context
 * (`{ userId, orgId, role }`) and domain errors are mapped to HTTP errors.
 * @example
 * export const handler = userRoute({ action: 'getUser', connections: [db], handler: async (request, caller) => admin.get(caller, request.path.userId) });
 */
export function userRoute<TSchemas extends HttpRequestSchemas = Record<never, never>>(
  options: RouteOptions<TSchemas, (request: HttpRequest<TSchemas>, caller: Caller) => Promise<unknown>>,
) {
  return http<TSchemas>({
    action: options.action,
    connections: options.connections,
    ...(options.request ? { request: options.request } : {}),
    handler: (request) => translateErrors(() => options.handler(request, callerOf(request.event))),
  });
}
