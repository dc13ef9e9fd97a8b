import { callable } from '@motorcade/lambda';
import { nearestVehiclesInputSchema, rankNearest } from '../domain/nearest-vehicles.js';
import { database } from '../lambda/database.js';
import { PgPositionQueries } from '../store/position-queries.js';

// Allocation calls this for every item: keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * The function other stacks import as `<tracking stack>-NearestVehiclesArn`:
 * `{ latitude, longitude, vehicleIds, orgId? }` → `{ vehicles: [{ vehicleId, distanceMetres, lat,
 * lon, fixTime }], unknown: [vehicleId…] }`, nearest first; `unknown` are the candidates with no
 * position yet. One query, whatever the number of candidates.
 */
export const handler = callable({
  action: 'nearestVehicles',
  connections: [db],
  input: nearestVehiclesInputSchema,
  handler: async (input) =>
    rankNearest(input, await new PgPositionQueries(db).latestOfVehicles(input.vehicleIds, input.orgId)),
});
