import { HttpError } from '@motorcade/lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import type { ClientCaller, UserCaller } from '../domain/access.js';

/** The clients service's API-key authorizer context (REST APIs pass every value as a string). */
const clientContextSchema = z.object({ clientId: z.uuid(), orgId: z.uuid(), scopes: z.string() });

/** The users service's token authorizer context. */
const userContextSchema = z.object({
  userId: z.uuid(),
  orgId: z.uuid(),
  role: z.enum(['admin', 'dispatcher', 'driver']),
});

// No context means the route was deployed without its authorizer: refused, never served anonymously.
const missing = (which: string) =>
  new HttpError(500, 'AUTHORIZER_CONTEXT_MISSING', `The route is not behind the ${which} authorizer`, {
    expose: false,
  });

/**
 * The client system the API-key authorizer established, its scopes split.
 * @example
 * const caller = clientCallerOf(request.event); // { clientId, orgId, scopes: ['items:read'] }
 */
export function clientCallerOf(event: APIGatewayProxyEvent): ClientCaller {
  const parsed = clientContextSchema.safeParse(event.requestContext?.authorizer ?? {});
  if (!parsed.success) throw missing('API key');
  const { scopes, ...client } = parsed.data;
  return { ...client, scopes: scopes.split(' ').filter((scope) => scope !== '') };
}

/**
 * The internal user the users authorizer established.
 * @example
 * const caller = userCallerOf(request.event); // { userId, orgId, role }
 */
export function userCallerOf(event: APIGatewayProxyEvent): UserCaller {
  const parsed = userContextSchema.safeParse(event.requestContext?.authorizer ?? {});
  if (!parsed.success) throw missing('users');
  return parsed.data;
}
