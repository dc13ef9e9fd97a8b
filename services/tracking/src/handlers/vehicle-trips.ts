import { http } from '@motorcade/lambda';
import { requireRole } from '../domain/caller.js';
import { tripsView } from '../domain/trips-view.js';
import { timeRange, timeRangeQuerySchema, vehiclePathSchema } from '../domain/vehicle-history.js';
import { userContextSchema } from '../lambda/callers.js';
import { database } from '../lambda/database.js';
import { mapped } from '../lambda/http-errors.js';
import { PgPositionQueries } from '../store/position-queries.js';

// Trips are read now and then: no connection is held between invocations.
const db = database('close-after-invocation');

/**
 * `GET /tracking/vehicles/{vehicleId}/trips?from=&to=` (admins, dispatchers): the trips and stops
 * that overlap the range (default: the last day), oldest first, with the one under way now
 * (`endedAt: null`), and the odometer.
 */
export const handler = http({
  action: 'vehicleTrips',
  connections: [db],
  request: { authorizer: userContextSchema, path: vehiclePathSchema, query: timeRangeQuerySchema },
  handler: async ({ authorizer, path, query }) =>
    mapped(async () => {
      requireRole(authorizer, 'admin', 'dispatcher');
      const range = timeRange(query, new Date());
      const queries = new PgPositionQueries(db);
      const [segments, state] = await Promise.all([
        queries.segments(authorizer.orgId, path.vehicleId, range),
        queries.motionState(authorizer.orgId, path.vehicleId),
      ]);
      return {
        vehicleId: path.vehicleId,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        status: state?.status ?? 'unknown',
        odometerMetres: state?.odometerMetres ?? 0,
        ...tripsView(segments, state, range),
      };
    }),
});
