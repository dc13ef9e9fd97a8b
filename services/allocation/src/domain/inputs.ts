import { z } from 'zod';
import { eventIdSchema } from './event-id.js';

/** A position on the earth, in WGS 84 degrees. */
export const pointSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
/** A position, see {@link pointSchema}. */
export type Point = z.infer<typeof pointSchema>;

/** A vehicle's availability, as the vehicles service reports it. */
export const AVAILABILITIES = ['offline', 'available', 'busy'] as const;
/** One of {@link AVAILABILITIES}. */
export const availabilitySchema = z.enum(AVAILABILITIES);
/** One of {@link AVAILABILITIES}. */
export type Availability = z.infer<typeof availabilitySchema>;

const idSchema = z.string().min(1);

/**
 * The vehicles service's per-vehicle availability counter, one up with each change. Optional:
 * events posted before the vehicles service sent it still parse, and are ordered by bus id.
 */
export const availabilityVersionSchema = z.number().int().nonnegative().optional();

// Every bus-delivered input keeps the envelope's field names (`id`, `type`, `time`, `detail`), so a
// handler can parse a received envelope directly; unknown detail fields (an item's address) are dropped.

/** `itemCreated` from the items service: an item to allocate. */
export const itemCreatedInputSchema = z.object({
  type: z.literal('itemCreated'),
  id: eventIdSchema,
  time: z.iso.datetime({ offset: true }),
  detail: z.object({ itemId: idSchema, orgId: idSchema, pickup: pointSchema }),
});

/** `vehicleRegistered` from the vehicles service; a new vehicle starts offline unless it says otherwise. */
export const vehicleRegisteredInputSchema = z.object({
  type: z.literal('vehicleRegistered'),
  id: eventIdSchema,
  detail: z.object({
    vehicleId: idSchema,
    orgId: idSchema,
    availability: availabilitySchema.default('offline'),
    version: availabilityVersionSchema,
  }),
});

/** `vehicleStatusChanged` from the vehicles service: a driver went on or off duty, or a delivery began or ended. */
export const vehicleStatusChangedInputSchema = z.object({
  type: z.literal('vehicleStatusChanged'),
  id: eventIdSchema,
  detail: z.object({
    vehicleId: idSchema,
    orgId: idSchema,
    availability: availabilitySchema,
    version: availabilityVersionSchema,
  }),
});

/**
 * A driver's answer to an offer. `vehicleId` is the vehicle the answering driver drives (the driver
 * API resolves it); `driverId` is recorded so the items service knows whose item it becomes.
 */
export const offerAnswerDetailSchema = z.object({
  offerId: idSchema,
  vehicleId: idSchema,
  driverId: idSchema,
});
/** A driver's answer, see {@link offerAnswerDetailSchema}. */
export type OfferAnswerDetail = z.infer<typeof offerAnswerDetailSchema>;

/** A driver accepted an offer. Carries a bus event id: the acceptance is also a fact about the vehicle. */
export const offerAcceptedInputSchema = z.object({
  type: z.literal('offerAccepted'),
  id: eventIdSchema,
  detail: offerAnswerDetailSchema,
});

/** A driver rejected an offer. */
export const offerRejectedInputSchema = z.object({
  type: z.literal('offerRejected'),
  id: eventIdSchema,
  detail: offerAnswerDetailSchema,
});

/** The schedule's sweep: close offers past their deadline and give up on items that waited too long. */
export const offersDueInputSchema = z.object({ type: z.literal('offersDue') });

/**
 * Everything the allocation domain reacts to.
 * @example
 * const input = allocationInputSchema.parse(envelope); // an itemCreated envelope parses as is
 */
export const allocationInputSchema = z.discriminatedUnion('type', [
  itemCreatedInputSchema,
  vehicleRegisteredInputSchema,
  vehicleStatusChangedInputSchema,
  offerAcceptedInputSchema,
  offerRejectedInputSchema,
  offersDueInputSchema,
]);
/** One input of the allocation domain, see {@link allocationInputSchema}. */
export type AllocationInput = z.infer<typeof allocationInputSchema>;
/** The input of the given type. */
export type AllocationInputOf<TType extends AllocationInput['type']> = Extract<
  AllocationInput,
  { type: TType }
>;
