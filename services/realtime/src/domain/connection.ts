import { z } from 'zod';

/** The roles of internal users, as the users service defines them; any of them may connect. */
export const roleSchema = z.enum(['admin', 'dispatcher', 'driver']);

/**
 * Who a connection belongs to: the `{ userId, orgId, role }` context the `$connect` authorizer
 * established (API Gateway passes the values on as strings).
 */
export const connectionOwnerSchema = z.object({
  userId: z.uuid(),
  orgId: z.uuid(),
  role: roleSchema,
});
/** The user behind a connection. */
export type ConnectionOwner = z.infer<typeof connectionOwnerSchema>;

/** One open WebSocket connection of the dashboard. */
export interface Connection extends ConnectionOwner {
  readonly connectionId: string;
  readonly connectedAt: Date;
}

/** A connection as a push needs it: where to send, and whose messages it receives. */
export interface Subscriber {
  readonly connectionId: string;
  readonly orgId: string;
}
