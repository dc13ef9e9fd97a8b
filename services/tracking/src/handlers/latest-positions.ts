import { http } from '@motorcade/lambda';
import { userContextSchema } from '../lambda/callers.js';
import { database } from '../lambda/database.js';
import { PgPositionQueries } from '../store/position-queries.js';

// The dashboard polls this when it has no WebSocket: keep the connection warm.
const db = database('reuse-across-invocations');

/** `GET /tracking/positions/latest` (any user): the latest position of each of the organisation's vehicles. */
export const handler = http({
  action: 'latestPositions',
  connections: [db],
  request: { authorizer: userContextSchema },
  handler: async ({ authorizer }) => ({
    positions: await new PgPositionQueries(db).latestOfOrg(authorizer.orgId),
  }),
});
