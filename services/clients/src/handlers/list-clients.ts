import { ClientAdmin } from '../domain/client-admin.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgClientStore } from '../store/client-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `GET /clients` (admins): the organisation's client systems and their keys (never a secret). */
export const handler = userRoute({
  action: 'listClients',
  connections: [db],
  handler: async (_request, caller) => new ClientAdmin(new PgClientStore(db)).listClients(caller),
});
