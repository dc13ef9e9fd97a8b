import { http, pgConnection } from '@motorcade/lambda';
import { opsCaller } from '../ops-api/ops-schemas.js';
import { busSettings } from '../settings.js';
import { OpsQueries } from '../store/ops-queries.js';

const db = pgConnection({ strategy: 'close-after-invocation', connectionString: busSettings().databaseUrl });
const queries = new OpsQueries(db);

/** `GET /listeners`: every registered listener with its delivery counts, failures and lag. */
export const handler = http({
  action: 'listListeners',
  connections: [db],
  request: { authorizer: opsCaller },
  handler: async () => ({ listeners: await queries.listeners() }),
});
