import { http } from '@motorcade/lambda';
import { requireRole } from '../domain/caller.js';
import {
  MAX_HISTORY_POSITIONS,
  timeRange,
  timeRangeQuerySchema,
  vehiclePathSchema,
} from '../domain/vehicle-history.js';
import { userContextSchema } from '../lambda/callers.js';
import { database } from '../lambda/database.js';
import { mapped } from '../lambda/http-errors.js';
import { PgPositionQueries } from '../store/position-queries.js';

// History is read now and then: no connection is held between invocations.
const db = database('close-after-invocation');

/**
 * `GET /tracking/vehicles/{vehicleId}/positions?from=&to=` (admins, dispatchers): the vehicle's
 * positions in the range (default: the last day), oldest first, at most 5,000; `truncated` says
 * there were more (ask again from the last `fixTime`). Another organisation's vehicle has none.
 */
export const handler = http({
  action: 'vehiclePositions',
  connections: [db],
  request: { authorizer: userContextSchema, path: vehiclePathSchema, query: timeRangeQuerySchema },
  handler: async ({ authorizer, path, query }) =>
    mapped(async () => {
      requireRole(authorizer, 'admin', 'dispatcher');
      const range = timeRange(query, new Date());
      const rows = await new PgPositionQueries(db).history(
        authorizer.orgId,
        path.vehicleId,
        range,
        MAX_HISTORY_POSITIONS + 1,
      );
      return {
        vehicleId: path.vehicleId,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        positions: rows.slice(0, MAX_HISTORY_POSITIONS),
        truncated: rows.length > MAX_HISTORY_POSITIONS,
      };
    }),
});
