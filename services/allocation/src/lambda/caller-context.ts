import { HttpError } from '@motorcade/lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import type { UserCaller } from '../domain/caller.js';

/** The context of the users service's authorizer (REST APIs pass every value as a string). */
const userContextSchema = z.object({
  userId: z.uuid(),
  orgId: z.uuid(),
  role: z.enum(['admin', 'dispatcher', 'driver']),
});

/**
 * The internal user the users authorizer established, from `requestContext.authorizer`. Without
 * that context the route was deployed without its authorizer: refused, never served anonymously.
 * @example
 * const caller = userCallerOf(request.event);
 */
export function userCallerOf(event: APIGatewayProxyEvent): UserCaller {
  const parsed = userContextSchema.safeParse(event.requestContext?.authorizer ?? {});
  if (!parsed.success) {
    throw new HttpError(500, 'AUTHORIZER_CONTEXT_MISSING', 'The route is not behind the users authorizer', {
      expose: false,
    });
  }
  return parsed.data;
}
