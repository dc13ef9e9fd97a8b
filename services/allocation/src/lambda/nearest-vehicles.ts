import { invoke } from '@motorcade/lambda';
import { z } from 'zod';
import type { NearestVehicles } from '../domain/index.js';

/** What tracking's NearestVehicles answers (docs/fleet.md); only the order of `vehicles` is used. */
const nearestResultSchema = z.object({
  vehicles: z.array(z.looseObject({ vehicleId: z.string() })),
  unknown: z.array(z.string()),
});

/**
 * The domain's `nearest`, served by tracking's exported function: the candidates with a known
 * position, nearest first. Candidates tracking has no position for (`unknown`) are left out of the
 * ranking, and the domain then offers them after every located candidate, in id order: a vehicle
 * on duty whose tracker has not reported yet is still better than letting the item wait. A
 * failing call throws, so the decision is retried rather than made blind.
 * @example
 * const nearest = nearestVehiclesVia(nearestVehiclesArn());
 */
export function nearestVehiclesVia(functionArn: string): NearestVehicles {
  return async (point, candidateVehicleIds) => {
    const result = await invoke(
      functionArn,
      { latitude: point.lat, longitude: point.lon, vehicleIds: [...candidateVehicleIds] },
      { result: nearestResultSchema },
    );
    return result.vehicles.map((vehicle) => vehicle.vehicleId);
  };
}
