import { http, pgConnection } from '@motorcade/lambda';
import { deliveriesQuery, listenerPath, opsCaller } from '../ops-api/ops-schemas.js';
import { busSettings } from '../settings.js';
import { OpsQueries } from '../store/ops-queries.js';

const db = pgConnection({ strategy: 'close-after-invocation', connectionString: busSettings().databaseUrl });
const queries = new OpsQueries(db);

/** `GET /listeners/{listenerId}/deliveries?status=dead`: a listener's dead letters, failures, ... */
export const handler = http({
  action: 'listDeliveries',
  connections: [db],
  request: { authorizer: opsCaller, path: listenerPath, query: deliveriesQuery },
  handler: async ({ path, query }) => ({
    listenerId: path.listenerId,
    status: query.status,
    deliveries: await queries.deliveries(path.listenerId, query.status, query.limit),
  }),
});
