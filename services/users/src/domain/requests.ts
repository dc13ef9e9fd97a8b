import { z } from 'zod';
import { roleSchema } from './roles.js';

/** An organisation's short name, used to log in: lower-case letters, digits and dashes. */
export const organisationSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be 1–40 lower-case letters, digits or dashes');

/** An email address, trimmed and lower-cased so `Ada@X.org` and `ada@x.org` are one account. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** A password a user may be given: long enough to resist guessing, short enough to hash quickly. */
export const newPasswordSchema = z.string().min(12, 'must be at least 12 characters').max(256);

/** `POST /users/login`. */
export const loginRequestSchema = z.object({
  organisation: organisationSlugSchema,
  email: emailSchema,
  password: z.string().min(1).max(256),
});
/** A login request. */
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** `POST /users/refresh`. */
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(200) });
/** A refresh request. */
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** `POST /users/logout`: ends the session of `refreshToken`, or every session with `everywhere`. */
export const logoutRequestSchema = z.object({
  refreshToken: z.string().min(1).max(200),
  everywhere: z.boolean().default(false),
});
/** A logout request. */
export type LogoutRequest = z.infer<typeof logoutRequestSchema>;

/** `POST /users`: an admin adds a user to their own organisation. */
export const createUserRequestSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  password: newPasswordSchema,
});
/** A request to create a user. */
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** `GET /users?limit=&after=`: a page of users ordered by email, after the email `after`. */
export const listUsersQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().max(254).optional(),
});
/** A page request for the user list. */
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** `/users/{userId}/...`. */
export const userPathSchema = z.object({ userId: z.uuid() });
