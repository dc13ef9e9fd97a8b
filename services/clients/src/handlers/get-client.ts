import { ClientAdmin } from '../domain/client-admin.js';
import { clientPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgClientStore } from '../store/client-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `GET /clients/{clientId}` (admins): one client system and its keys, else 404. */
export const handler = userRoute({
  action: 'getClient',
  connections: [db],
  request: { path: clientPathSchema },
  handler: async ({ path }, caller) =>
    new ClientAdmin(new PgClientStore(db)).getClient(caller, path.clientId),
});
