import { z } from 'zod';
import type { FeedPosition } from './position-feed.js';

/** The most positions one history request answers. */
export const MAX_HISTORY_POSITIONS = 5000;

/** The range a history or trips request covers when it names none: the last day. */
export const DEFAULT_RANGE_MS = 24 * 60 * 60 * 1000;

/** `/vehicles/{vehicleId}/…`: a vehicle id as the vehicles and devices services write it. */
export const vehiclePathSchema = z.object({
  vehicleId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -'),
});

/** `?from=&to=`: ISO 8601 times; `from` must not be after `to`. */
export const timeRangeQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), {
    message: 'must not be after to',
    path: ['from'],
  });
/** A time range query. */
export type TimeRangeQuery = z.infer<typeof timeRangeQuerySchema>;

/**
 * The range a query names, defaulting to the day before `to` (itself defaulting to now).
 * @example
 * timeRange({}, now); // { from: now - 24 h, to: now }
 */
export function timeRange(query: TimeRangeQuery, now: Date): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
  return { from, to };
}

/** A stored position in a vehicle's history. */
export interface HistoryPosition extends FeedPosition {
  readonly valid: boolean;
  readonly altitude: number | null;
  readonly accuracy: number | null;
  readonly battery: number | null;
}
