import { closeConnection } from '../domain/connection-lifecycle.js';
import { database } from '../lambda/database.js';
import { webSocketRoute } from '../lambda/websocket-route.js';
import { PgConnectionStore } from '../store/connection-store.js';

// As frequent as $connect: keep the connection warm.
const db = database('reuse-across-invocations');

/** `$disconnect`: forgets the connection (best effort on AWS, so pushes also forget gone ones). */
export const handler = webSocketRoute({
  action: 'disconnect',
  connections: [db],
  handler: async ({ requestContext }) =>
    closeConnection(new PgConnectionStore(db), requestContext.connectionId),
});
