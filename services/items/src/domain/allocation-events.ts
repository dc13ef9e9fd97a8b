import { z } from 'zod';
import type { ItemChange } from './item-lifecycle.js';

/** The allocation events the items service listens to (docs/fleet.md). */
export const ALLOCATION_EVENT_TYPES = [
  'allocationOffered',
  'allocationAccepted',
  'allocationFailed',
] as const;
/** One of {@link ALLOCATION_EVENT_TYPES}. */
export type AllocationEventType = (typeof ALLOCATION_EVENT_TYPES)[number];

/** What every allocation event names: the item and its organisation; other fields are read per type. */
export const allocationEventDetailSchema = z.looseObject({
  itemId: z.string().min(1),
  orgId: z.string().min(1),
});

const acceptedSchema = z.looseObject({ vehicleId: z.string().min(1), driverId: z.string().min(1) });
const failedSchema = z.looseObject({ reason: z.string().optional() });

/**
 * The status change an allocation event asks of its item: offered → `allocating`, accepted →
 * `allocated` with the vehicle and driver, failed → `unallocated` with allocation's reason.
 * @throws ZodError when an accept does not name its vehicle and driver.
 * @example
 * allocationChange('allocationAccepted', detail); // { to: 'allocated', assignment: { vehicleId, driverId } }
 */
export function allocationChange(type: AllocationEventType, detail: unknown): ItemChange {
  switch (type) {
    case 'allocationOffered':
      return { to: 'allocating' };
    case 'allocationAccepted': {
      const { vehicleId, driverId } = acceptedSchema.parse(detail);
      return { to: 'allocated', assignment: { vehicleId, driverId } };
    }
    case 'allocationFailed': {
      const { reason } = failedSchema.parse(detail);
      return { to: 'unallocated', reason: reason ?? 'allocationFailed' };
    }
  }
}
