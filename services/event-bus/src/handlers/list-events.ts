import { http, pgConnection } from '@motorcade/lambda';
import { eventsQuery, opsCaller } from '../ops-api/ops-schemas.js';
import { busSettings } from '../settings.js';
import { OpsQueries } from '../store/ops-queries.js';

// The ops API is called by people, rarely: a connection per request.
const db = pgConnection({ strategy: 'close-after-invocation', connectionString: busSettings().databaseUrl });
const queries = new OpsQueries(db);

/** `GET /events`: the most recent events, newest first; `before` pages back, `type` narrows. */
export const handler = http({
  action: 'listEvents',
  connections: [db],
  request: { authorizer: opsCaller, query: eventsQuery },
  handler: async ({ query }) => {
    const events = await queries.recentEvents({
      limit: query.limit,
      ...(query.before === undefined ? {} : { beforeId: query.before }),
      ...(query.type === undefined ? {} : { type: query.type }),
    });
    const last = events.at(-1);
    return { events, ...(events.length === query.limit && last ? { nextBefore: last.id } : {}) };
  },
});
