import { z } from 'zod';
import { type FieldProblem, InvalidItemError } from './errors.js';
import { placeSchema } from './place.js';

const dateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a zone, e.g. 2030-01-01T08:00:00Z' })
  // One spelling per instant, so the same window written two ways is the same request.
  .transform((text) => new Date(text).toISOString());

/** When the item is to be delivered: `from` before `to`, both ISO 8601 with a zone. */
export const timeWindowSchema = z
  .strictObject({ from: dateTime, to: dateTime })
  .refine((window) => Date.parse(window.to) > Date.parse(window.from), {
    path: ['to'],
    error: 'must be after from',
  });
/** A time window, see {@link timeWindowSchema}. */
export type TimeWindow = z.infer<typeof timeWindowSchema>;

/** How big the item is: its weight, and its volume when the client knows it. */
export const itemSizeSchema = z.strictObject({
  weightKg: z.number('must be a number').positive('must be more than 0').max(2_000, 'must be at most 2000'),
  volumeLitres: z
    .number('must be a number')
    .positive('must be more than 0')
    .max(20_000, 'must be at most 20000')
    .optional(),
});
/** An item's size, see {@link itemSizeSchema}. */
export type ItemSize = z.infer<typeof itemSizeSchema>;

/**
 * The body of `ClientCreateItem`: a client system's delivery item. Unknown fields are refused, so a
 * misspelt `dropOff` is an error rather than a silently missing drop-off.
 */
export const clientCreateItemSchema = z.strictObject(
  {
    /** The client's own reference for the item (its order number), shown back on every read. */
    reference: z
      .string('must be text')
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters'),
    pickup: placeSchema,
    dropoff: placeSchema,
    window: timeWindowSchema,
    size: itemSizeSchema,
  },
  'must be a JSON object',
);
/** A create request after validation, see {@link clientCreateItemSchema}. */
export type ClientCreateItem = z.infer<typeof clientCreateItemSchema>;

/**
 * Validates a create request body, naming every wrong field at once.
 * @throws InvalidItemError (`INVALID_ITEM`) listing each field's problem.
 * @example
 * const input = parseClientCreateItem(JSON.parse(event.body ?? 'null'));
 */
export function parseClientCreateItem(body: unknown): ClientCreateItem {
  const parsed = clientCreateItemSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new InvalidItemError(fieldProblems(parsed.error, body), { cause: parsed.error });
}

/**
 * A zod error as one problem per field, paths dotted (`pickup.lat`), a missing field said to be
 * required, unknown keys named. `body` is what was parsed, to tell a missing field from a wrong one.
 * @example
 * fieldProblems(error, body); // [{ path: 'window.to', message: 'must be after from' }]
 */
export function fieldProblems(error: z.ZodError, body: unknown): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return { path, message: `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}` };
    if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(body, issue.path) === undefined)
      return { path, message: 'is required' };
    return { path, message: issue.message };
  });
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
