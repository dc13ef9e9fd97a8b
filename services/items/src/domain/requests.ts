import { z } from 'zod';
import { idempotencyKeySchema } from './idempotency.js';
import { itemStatusSchema } from './item-status.js';

/** `/items/{itemId}`, `/items/driver/{itemId}/…`, `/items/org/{itemId}`. Any text: an id that is no item's is a 404. */
export const itemPathSchema = z.object({ itemId: z.string().min(1) });

/** `?status=` of the list routes: one status, or none for all. */
export const listItemsQuerySchema = z.object({ status: itemStatusSchema.optional() });

/** The headers `POST /items` needs (names lower case, as the library gives them). */
export const createItemHeadersSchema = z.looseObject({ 'idempotency-key': idempotencyKeySchema });

/** The statuses a driver's list shows: what is theirs to pick up or deliver. */
export const DRIVER_LIST_STATUSES = ['allocated', 'picked_up'] as const;
