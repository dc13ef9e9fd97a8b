import { z } from 'zod';

/**
 * The roles of an internal user. The users service decides only who may manage users (admins);
 * every other service makes its own finer decisions from the role in the authorizer context.
 */
export const ROLES = ['admin', 'dispatcher', 'driver'] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** A role in a request or an authorizer context. */
export const roleSchema = z.enum(ROLES);
