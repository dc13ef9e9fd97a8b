import { z } from 'zod';

/** The users service's authorizer context (REST APIs pass every value as a string). */
export const userContextSchema = z.object({
  userId: z.uuid(),
  orgId: z.uuid(),
  role: z.enum(['admin', 'dispatcher', 'driver']),
});

/** The clients service's API key authorizer context; scopes space-separated. */
export const clientContextSchema = z.object({
  clientId: z.uuid(),
  orgId: z.uuid(),
  scopes: z.string(),
});
