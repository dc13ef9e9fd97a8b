import { z } from 'zod';
import { pointSchema } from './inputs.js';

const idSchema = z.string().min(1);
const offerRefSchema = { offerId: idSchema, itemId: idSchema, orgId: idSchema, vehicleId: idSchema };

/** An item was offered to a vehicle; its driver must answer before `deadline`. */
export const allocationOfferedSchema = z.object({
  type: z.literal('allocationOffered'),
  detail: z.object({ ...offerRefSchema, pickup: pointSchema, deadline: z.iso.datetime() }),
});

/** The driver accepted: the item is theirs. Emitted exactly once per item. */
export const allocationAcceptedSchema = z.object({
  type: z.literal('allocationAccepted'),
  detail: z.object({ ...offerRefSchema, driverId: idSchema }),
});

/** The driver rejected the offer; the item moves to the next candidate. */
export const allocationRejectedSchema = z.object({
  type: z.literal('allocationRejected'),
  detail: z.object({ ...offerRefSchema, driverId: idSchema }),
});

/** Why an offer closed without an answer. */
export const EXPIRY_REASONS = ['deadline', 'vehicleUnavailable'] as const;

/** The offer closed unanswered: its deadline passed, or the vehicle stopped being available. */
export const allocationExpiredSchema = z.object({
  type: z.literal('allocationExpired'),
  detail: z.object({ ...offerRefSchema, reason: z.enum(EXPIRY_REASONS) }),
});

/** Why an item could not be allocated. */
export const FAILURE_REASONS = ['noVehicleLeft', 'waitedTooLong'] as const;

/** No vehicle will take the item: every vehicle of its organisation was tried, or it waited too long. */
export const allocationFailedSchema = z.object({
  type: z.literal('allocationFailed'),
  detail: z.object({
    itemId: idSchema,
    orgId: idSchema,
    reason: z.enum(FAILURE_REASONS),
    tried: z.array(idSchema),
  }),
});

/**
 * An event the allocation domain asks its handler to post, `type` and `detail` as on the bus.
 * @example
 * for (const event of decision.emit) await sendEvent(event.type, event.detail);
 */
export const allocationEventSchema = z.discriminatedUnion('type', [
  allocationOfferedSchema,
  allocationAcceptedSchema,
  allocationRejectedSchema,
  allocationExpiredSchema,
  allocationFailedSchema,
]);
/** An event to post, see {@link allocationEventSchema}. */
export type AllocationEvent = z.infer<typeof allocationEventSchema>;
/** The event of the given type. */
export type AllocationEventOf<TType extends AllocationEvent['type']> = Extract<
  AllocationEvent,
  { type: TType }
>;
