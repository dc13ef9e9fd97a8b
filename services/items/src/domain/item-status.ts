import { z } from 'zod';

/**
 * The statuses of an item. The happy path is `created → allocating → allocated → picked_up →
 * delivered`; `unallocated` is allocation finding no vehicle, `failed` a driver unable to complete,
 * `cancelled` the client calling it off.
 */
export const ITEM_STATUSES = [
  'created',
  'allocating',
  'allocated',
  'picked_up',
  'delivered',
  'cancelled',
  'failed',
  'unallocated',
] as const;

/** One of {@link ITEM_STATUSES}. */
export const itemStatusSchema = z.enum(ITEM_STATUSES);
/** One of {@link ITEM_STATUSES}. */
export type ItemStatus = z.infer<typeof itemStatusSchema>;

/** Statuses no transition leaves. */
export const FINAL_STATUSES: readonly ItemStatus[] = ['delivered', 'cancelled', 'failed', 'unallocated'];

/**
 * Whether an item has reached the end of its lifecycle.
 * @example
 * if (isFinal(item.status)) return;
 */
export function isFinal(status: ItemStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
