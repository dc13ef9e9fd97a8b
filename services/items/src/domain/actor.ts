import { z } from 'zod';

/** A client system, as its API-key authorizer describes it. */
export const clientActorSchema = z.object({
  kind: z.literal('client'),
  clientId: z.string().min(1),
  orgId: z.string().min(1),
});

/** A driver, as the users service's authorizer describes them (role driver). */
export const driverActorSchema = z.object({
  kind: z.literal('driver'),
  userId: z.string().min(1),
  orgId: z.string().min(1),
});

/** The allocation service, speaking through its events. */
export const allocationActorSchema = z.object({ kind: z.literal('allocation') });

/** Whoever asks for an item's status to change. */
export const itemActorSchema = z.discriminatedUnion('kind', [
  clientActorSchema,
  driverActorSchema,
  allocationActorSchema,
]);
/** An actor, see {@link itemActorSchema}. */
export type ItemActor = z.infer<typeof itemActorSchema>;
/** The kinds of actor. */
export type ActorKind = ItemActor['kind'];
