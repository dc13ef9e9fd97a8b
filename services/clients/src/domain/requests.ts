import { z } from 'zod';
import { SCOPES, scopeSchema } from './scopes.js';

/** `POST /clients`: a new client system. */
export const createClientRequestSchema = z.object({ name: z.string().trim().min(1).max(100) });
/** A request to create a client system. */
export type CreateClientRequest = z.infer<typeof createClientRequestSchema>;

/** `POST /clients/{clientId}/keys`: a new key with these scopes. */
export const createKeyRequestSchema = z.object({
  scopes: z
    .array(scopeSchema)
    .min(1, `name at least one of ${SCOPES.join(', ')}`)
    .transform((scopes) => [...new Set(scopes)].sort()),
});
/** A request to create a key. */
export type CreateKeyRequest = z.infer<typeof createKeyRequestSchema>;

/** `/clients/{clientId}`. */
export const clientPathSchema = z.object({ clientId: z.uuid() });

/** `/clients/{clientId}/keys/{keyId}`. */
export const keyPathSchema = z.object({ clientId: z.uuid(), keyId: z.uuid() });

/** The input of the `SeedDemo` function. */
export const seedDemoInputSchema = z.object({
  /** The organisation (from the users service's `SeedDemo`). */
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(100).default('Demo dispatch system'),
  scopes: z
    .array(scopeSchema)
    .min(1)
    .default([...SCOPES]),
});
/** A demo seeding request. */
export type SeedDemoInput = z.infer<typeof seedDemoInputSchema>;
