import { respond } from '@motorcade/lambda';
import { ClientAdmin } from '../domain/client-admin.js';
import { clientPathSchema, createKeyRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgClientStore } from '../store/client-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `POST /clients/{clientId}/keys` (admins): a new key, shown this once; 201. */
export const handler = userRoute({
  action: 'createApiKey',
  connections: [db],
  request: { path: clientPathSchema, body: createKeyRequestSchema },
  handler: async ({ path, body }, caller) => {
    const key = await new ClientAdmin(new PgClientStore(db)).createKey(caller, path.clientId, body);
    // The response carries a secret: no cache may keep it.
    return respond(201, key, { 'cache-control': 'no-store' });
  },
});
