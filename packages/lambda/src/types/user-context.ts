import { z } from 'zod';

/**
 * The context the users service's exported token authorizer adds to a request
 * (`requestContext.authorizer`): the internal user, their organisation and role. Give it as the
 * `authorizer` request schema of a route behind that authorizer; without the context the route was
 * deployed without its authorizer, and answers a 500 that exposes nothing.
 * @example
 * http({ action: 'getVehicle', request: { authorizer: userContextSchema }, handler: async ({ authorizer }) => authorizer.orgId });
 */
export const userContextSchema = z.object({
  userId: z.uuid(),
  orgId: z.uuid(),
  role: z.enum(['admin', 'dispatcher', 'driver']),
});
/** The users authorizer's context, see {@link userContextSchema}. */
export type UserContext = z.infer<typeof userContextSchema>;
