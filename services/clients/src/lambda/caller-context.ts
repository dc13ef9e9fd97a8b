import { HttpError } from '@motorcade/lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import type { ClientCaller, UserCaller } from '../domain/caller.js';
import { parseScopes } from '../domain/scopes.js';

/** The context of the users service's authorizer (REST APIs pass every value as a string). */
const userContextSchema = z.object({
  userId: z.uuid(),
  orgId: z.uuid(),
  role: z.enum(['admin', 'dispatcher', 'driver']),
});

/** The context of this service's API key authorizer. */
const clientContextSchema = z.object({ clientId: z.uuid(), orgId: z.uuid(), scopes: z.string() });

const missing = (which: string) =>
  new HttpError(500, 'AUTHORIZER_CONTEXT_MISSING', `The route is not behind the ${which} authorizer`, {
    expose: false,
  });

/**
 * The internal user the users authorizer established, from `requestContext.authorizer`. Without
 * that context the route was deployed without its authorizer: refused, never served anonymously.
 * @example
 * const caller = userCallerOf(request.event);
 */
export function userCallerOf(event: APIGatewayProxyEvent): UserCaller {
  const parsed = userContextSchema.safeParse(event.requestContext?.authorizer ?? {});
  if (!parsed.success) throw missing('users');
  return parsed.data;
}

/**
 * The client system the API key authorizer established.
 * @example
 * const client = clientCallerOf(request.event);
 */
export function clientCallerOf(event: APIGatewayProxyEvent): ClientCaller {
  const parsed = clientContextSchema.safeParse(event.requestContext?.authorizer ?? {});
  if (!parsed.success) throw missing('API key');
  return { ...parsed.data, scopes: parseScopes(parsed.data.scopes) };
}
