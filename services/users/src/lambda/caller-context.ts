import { HttpError } from '@motorcade/lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import type { Caller } from '../domain/caller.js';
import { roleSchema } from '../domain/roles.js';

/** The context the users authorizer adds (REST APIs pass every value as a string). */
const userContextSchema = z.object({ userId: z.uuid(), orgId: z.uuid(), role: roleSchema });

/**
 * The caller the users authorizer established for this request, from
 * `requestContext.authorizer`. A route without that context is a template mistake (a route left
 * without the authorizer): it is refused with a 500 rather than served to no one in particular.
 * @example
 * const caller = callerOf(request.event);
 */
export function callerOf(event: APIGatewayProxyEvent): Caller {
  const parsed = userContextSchema.safeParse(event.requestContext?.authorizer ?? {});
  if (!parsed.success) {
    throw new HttpError(500, 'AUTHORIZER_CONTEXT_MISSING', 'The route is not behind the users authorizer', {
      expose: false,
    });
  }
  return parsed.data;
}
