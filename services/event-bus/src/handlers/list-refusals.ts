import { http, pgConnection } from '@motorcade/lambda';
import { opsCaller, refusalsQuery } from '../ops-api/ops-schemas.js';
import { busSettings } from '../settings.js';
import { OpsQueries } from '../store/ops-queries.js';

const db = pgConnection({ strategy: 'close-after-invocation', connectionString: busSettings().databaseUrl });
const queries = new OpsQueries(db);

/** `GET /refusals`: events the bus refused (not an envelope, over 1 MB, too deep a chain), newest first. */
export const handler = http({
  action: 'listRefusals',
  connections: [db],
  request: { authorizer: opsCaller, query: refusalsQuery },
  handler: async ({ query }) => ({ refusals: await queries.refusals(query.limit) }),
});
