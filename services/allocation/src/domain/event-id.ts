import { z } from 'zod';

/**
 * A bus event id: the bus's strictly increasing sequence number, carried in the envelope as a
 * decimal string because it is a bigint.
 */
export const eventIdSchema = z.string().regex(/^\d+$/, 'must be a decimal event id');

/** A bus event id, see {@link eventIdSchema}. */
export type EventId = z.infer<typeof eventIdSchema>;

/**
 * Orders two bus event ids numerically; string order would put "10" before "9".
 * @example
 * ['10', '9'].sort(compareEventIds); // ['9', '10']
 */
export function compareEventIds(a: EventId, b: EventId): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
