import { z } from 'zod';
import { eventIdSchema } from './event-id.js';
import { availabilitySchema, pointSchema } from './inputs.js';

// How duplicates and reordering are absorbed, without an ever-growing set of processed event ids:
// - a vehicle's availability is a register keyed by its stream: the fact with the highest event id
//   wins, so a repeat (same id) is a no-op and an older fact arriving late is ignored;
// - an item is keyed by its id, so a second `itemCreated` for it is a no-op;
// - an offer's status is a latch (open, then closed once), so a repeated answer finds it closed.
// A processed-id set would catch repeats but not an older status overtaking a newer one.

/** The states of an offer: open until answered, expired (deadline) or withdrawn (vehicle went away). */
export const OFFER_STATUSES = ['open', 'accepted', 'rejected', 'expired', 'withdrawn'] as const;

/** One offer of an item to a vehicle. Kept after closing, so a late answer can be told why it is refused. */
export const offerSchema = z.object({
  offerId: z.string(),
  itemId: z.string(),
  orgId: z.string(),
  vehicleId: z.string(),
  offeredAt: z.iso.datetime(),
  deadline: z.iso.datetime(),
  status: z.enum(OFFER_STATUSES),
});
/** An offer, see {@link offerSchema}. */
export type Offer = z.infer<typeof offerSchema>;

/**
 * Where an item stands in allocation: `waiting` for a free candidate, `offered` to one vehicle,
 * `accepted` by one (final), or `failed` (final).
 */
export const ITEM_ALLOCATION_STATUSES = ['waiting', 'offered', 'accepted', 'failed'] as const;

/** An item as allocation sees it. */
export const itemAllocationSchema = z.object({
  itemId: z.string(),
  orgId: z.string(),
  pickup: pointSchema,
  /** The bus time of `itemCreated`: the start of the item's wait. */
  createdAt: z.iso.datetime({ offset: true }),
  /** Waiting items are served oldest first by this id, so the order does not depend on map order. */
  createdEventId: eventIdSchema,
  status: z.enum(ITEM_ALLOCATION_STATUSES),
  /** Offers made so far; the next offer's id is `<itemId>:<offerCount + 1>`. */
  offerCount: z.number().int().nonnegative(),
  /** Vehicles that answered or let their offer expire: never offered this item again. */
  tried: z.array(z.string()),
  currentOfferId: z.string().nullable(),
  acceptedVehicleId: z.string().nullable(),
});
/** An item in allocation, see {@link itemAllocationSchema}. */
export type ItemAllocation = z.infer<typeof itemAllocationSchema>;

/** A vehicle as allocation sees it. */
export const vehicleStateSchema = z.object({
  vehicleId: z.string(),
  orgId: z.string(),
  availability: availabilitySchema,
  /**
   * The highest bus id of the facts applied to `availability`: the order of facts without a
   * version (see `applyVehicleFact`).
   */
  availabilityEventId: eventIdSchema,
  /**
   * The vehicles service's availability version of the latest vehicle fact applied (null until one
   * carried a version). Allocation's own busy mark on an accept leaves it as it was.
   */
  availabilityVersion: z.number().int().nonnegative().nullable(),
  /** At most one open offer per vehicle, so a driver never holds two items at once. */
  openOfferId: z.string().nullable(),
});
/** A vehicle in allocation, see {@link vehicleStateSchema}. */
export type VehicleState = z.infer<typeof vehicleStateSchema>;

/** The allocation read model: what every decision reads and the next decision starts from. */
export const allocationStateSchema = z.object({
  items: z.record(z.string(), itemAllocationSchema),
  vehicles: z.record(z.string(), vehicleStateSchema),
  offers: z.record(z.string(), offerSchema),
});
/** The allocation read model, see {@link allocationStateSchema}. */
export type AllocationState = z.infer<typeof allocationStateSchema>;

/**
 * The read model before any event.
 * @example
 * let state = emptyAllocationState();
 */
export function emptyAllocationState(): AllocationState {
  return { items: {}, vehicles: {}, offers: {} };
}
