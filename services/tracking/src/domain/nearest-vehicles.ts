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
  /**
   * Optional: vehicle ids are unique within an organisation only, so a caller that knows the
   * organisation (allocation does, from the item) names it and no other tenant's vehicle can rank.
   */
  orgId: z.uuid().optional(),
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

/** One ranked vehicle of a NearestVehicles answer. */
export interface NearestVehicle {
  readonly vehicleId: string;
  readonly distanceMetres: number;
  readonly lat: number;
  readonly lon: number;
  readonly fixTime: string;
}

/**
 * The NearestVehicles answer: the candidates with a latest position, nearest first, and the ones
 * without (`unknown`, in the order asked).
 * @example
 * rankNearest({ latitude: 52.52, longitude: 13.4, vehicleIds: ['van-1', 'van-2'] }, latest);
 */
export function rankNearest(
  input: Pick<NearestVehiclesInput, 'latitude' | 'longitude' | 'vehicleIds'>,
  latest: readonly { vehicleId: string; lat: number; lon: number; fixTime: string }[],
): { vehicles: NearestVehicle[]; unknown: string[] } {
  const wanted = new Set(input.vehicleIds);
  const known = new Map(latest.filter((row) => wanted.has(row.vehicleId)).map((row) => [row.vehicleId, row]));
  const ranked = orderByDistance(
    input,
    [...known.values()].map((row) => ({ ...row, id: row.vehicleId, latitude: row.lat, longitude: row.lon })),
  );
  return {
    vehicles: ranked.map(({ vehicleId, distanceMetres, lat, lon, fixTime }) => ({
      vehicleId,
      distanceMetres,
      lat,
      lon,
      fixTime,
    })),
    unknown: [...wanted].filter((vehicleId) => !known.has(vehicleId)),
  };
}
