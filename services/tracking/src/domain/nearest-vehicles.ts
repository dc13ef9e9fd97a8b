import { z } from 'zod';
import { distanceMetres } from './geodesy.js';
import type { LatLng } from './position.js';

/** The most candidates one NearestVehicles call may rank. */
export const MAX_NEAREST_CANDIDATES = 500;

/**
 * The input of the exported `NearestVehicles` function: a point and the vehicles to rank
 * (allocation sends the available ones).
 */
export const nearestVehiclesInputSchema = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  vehicleIds: z.array(z.string().min(1).max(64)).max(MAX_NEAREST_CANDIDATES),
});
/** A NearestVehicles request. */
export type NearestVehiclesInput = z.infer<typeof nearestVehiclesInputSchema>;

/** A candidate with its latest known location. */
export interface Candidate extends LatLng {
  readonly id: string;
}

/** A candidate with its distance from the point. */
export type RankedCandidate<T extends Candidate> = T & { readonly distanceMetres: number };

/**
 * Orders candidates by great-circle distance from `point`, nearest first. Ties (two vehicles
 * at the same spot, common at a depot) are broken by id in code-unit order, never by locale or
 * input order, so every caller — and every retry of an allocation — ranks them the same way.
 * Candidates without a known position are the caller's to report; they are not ranked here.
 * @example
 * orderByDistance(pickup, [{ id: 'van-2', latitude: 52.52, longitude: 13.40 }, …])[0]?.id;
 */
export function orderByDistance<T extends Candidate>(
  point: LatLng,
  candidates: readonly T[],
): RankedCandidate<T>[] {
  return candidates
    .map((candidate) => ({ ...candidate, distanceMetres: distanceMetres(point, candidate) }))
    .sort((a, b) => a.distanceMetres - b.distanceMetres || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
