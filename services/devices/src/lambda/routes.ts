import {
  type HttpRequest,
  type HttpRequestSchemas,
  http,
  type InvocationScoped,
  userContextSchema,
} from '@motorcade/lambda';
import type { UserCaller } from '../domain/caller.js';
import { DEVICES_ERROR, DevicesError, type DevicesErrorCode } from '../domain/errors.js';

/** The HTTP status of each domain error code. */
const STATUS: Readonly<Record<DevicesErrorCode, number>> = {
  [DEVICES_ERROR.deviceNotFound]: 404,
  [DEVICES_ERROR.deviceRevoked]: 409,
  [DEVICES_ERROR.uniqueIdTaken]: 409,
  [DEVICES_ERROR.forbidden]: 403,
};

/**
 * A route behind the users authorizer: the handler gets `{ userId, orgId, role }`, and domain
 * errors become HTTP errors with the same code.
 * @example
 * export const handler = userRoute({ action: 'getDevice', connections: [db], handler: async ({ path }, caller) => admin.get(caller, path.deviceId) });
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
    domainErrors: { type: DevicesError, status: STATUS },
    // The request differs from the caller's schemas only by the authorizer, handed over as the caller.
    handler: (request) => options.handler(request as unknown as HttpRequest<TSchemas>, request.authorizer),
  });
}
