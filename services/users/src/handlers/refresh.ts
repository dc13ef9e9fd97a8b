import { respond } from '@motorcade/lambda';
import { refreshRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { publicRoute } from '../lambda/routes.js';
import { sessionsOn } from '../lambda/services.js';

// Every client refreshes every few minutes, so the connection stays warm between invocations.
const db = database('reuse-across-invocations');

/** `POST /users/refresh` (no authorizer: the access token may have expired): a new token pair. */
export const handler = publicRoute({
  action: 'refreshSession',
  connections: [db],
  request: { body: refreshRequestSchema },
  handler: async ({ body }) =>
    respond(200, await sessionsOn(db).refresh(body.refreshToken), { 'cache-control': 'no-store' }),
});
