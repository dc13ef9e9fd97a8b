import { logger } from '@motorcade/lambda';
import { openConnection } from '../domain/connection-lifecycle.js';
import { database } from '../lambda/database.js';
import { webSocketRoute } from '../lambda/websocket-route.js';
import { PgConnectionStore } from '../store/connection-store.js';

// Every dashboard (and every reconnect) passes here: keep the connection warm.
const db = database('reuse-across-invocations');

/** `$connect` (after the authorizer): remembers the connection and whose organisation it follows. */
export const handler = webSocketRoute({
  action: 'connect',
  connections: [db],
  handler: async ({ requestContext }) => {
    const connection = await openConnection(new PgConnectionStore(db), {
      connectionId: requestContext.connectionId,
      connectedAt: new Date(requestContext.connectedAt),
      authorizer: requestContext.authorizer,
    });
    logger.info('Connected', {
      connectionId: connection.connectionId,
      orgId: connection.orgId,
      role: connection.role,
    });
  },
});
