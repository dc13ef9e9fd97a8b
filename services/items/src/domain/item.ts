import { z } from 'zod';
import { type ClientCreateItem, itemSizeSchema, timeWindowSchema } from './create-item-request.js';
import { ITEMS_ERROR, ItemsError } from './errors.js';
import { itemStatusSchema } from './item-status.js';
import { placeSchema } from './place.js';

/** The vehicle and driver an item was allocated to. */
export const assignmentSchema = z.object({ vehicleId: z.string().min(1), driverId: z.string().min(1) });
/** An assignment, see {@link assignmentSchema}. */
export type Assignment = z.infer<typeof assignmentSchema>;

/** A delivery item, as the items service stores and returns it. */
export const itemSchema = z.object({
  id: z.string().min(1),
  orgId: z.string().min(1),
  /** The client system that created it; only it may read or cancel it. */
  clientId: z.string().min(1),
  reference: z.string(),
  pickup: placeSchema,
  dropoff: placeSchema,
  window: timeWindowSchema,
  size: itemSizeSchema,
  status: itemStatusSchema,
  /** Set when allocated; the driver named here is the only one who may move the item on. */
  assignment: assignmentSchema.nullable(),
  /** Why the item ended `cancelled`, `failed` or `unallocated`, when someone said. */
  statusReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
/** A delivery item, see {@link itemSchema}. */
export type Item = z.infer<typeof itemSchema>;

/** Who and when, for a new item. */
export interface NewItemContext {
  readonly id: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly now: Date;
}

/**
 * A new item in status `created` from a validated create request.
 * @throws ItemsError `WINDOW_CLOSED` when the window has already ended: no one could deliver it.
 * @example
 * const item = newItem(input, { id: randomUUID(), orgId, clientId, now: new Date() });
 */
export function newItem(input: ClientCreateItem, context: NewItemContext): Item {
  if (Date.parse(input.window.to) <= context.now.getTime())
    throw new ItemsError(ITEMS_ERROR.windowClosed, `The window ended at ${input.window.to}, before now`);
  const now = context.now.toISOString();
  return {
    id: context.id,
    orgId: context.orgId,
    clientId: context.clientId,
    reference: input.reference,
    pickup: input.pickup,
    dropoff: input.dropoff,
    window: input.window,
    size: input.size,
    status: 'created',
    assignment: null,
    statusReason: null,
    createdAt: now,
    updatedAt: now,
  };
}
