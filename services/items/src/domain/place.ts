import { z } from 'zod';

/**
 * A place an item is picked up from or dropped off at: coordinates (WGS 84 degrees) to route by,
 * and the address a driver reads.
 */
export const placeSchema = z.strictObject({
  lat: z.number('must be a number').min(-90, 'must be at least -90').max(90, 'must be at most 90'),
  lon: z.number('must be a number').min(-180, 'must be at least -180').max(180, 'must be at most 180'),
  address: z
    .string('must be text')
    .trim()
    .min(1, 'must not be empty')
    .max(500, 'must be at most 500 characters'),
});
/** A place, see {@link placeSchema}. */
export type Place = z.infer<typeof placeSchema>;
