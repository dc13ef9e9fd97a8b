import { ClientAdmin } from '../domain/client-admin.js';
import { keyPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgClientStore } from '../store/client-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `DELETE /clients/{clientId}/keys/{keyId}` (admins): revokes the key at once; 204. */
export const handler = userRoute({
  action: 'revokeApiKey',
  connections: [db],
  request: { path: keyPathSchema },
  handler: async ({ path }, caller) => {
    await new ClientAdmin(new PgClientStore(db)).revokeKey(caller, path.clientId, path.keyId);
  },
});
