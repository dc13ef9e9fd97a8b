import { respond } from '@motorcade/lambda';
import { ClientAdmin } from '../domain/client-admin.js';
import { createClientRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgClientStore } from '../store/client-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `POST /clients` (admins): a new client system of the caller's organisation; 201. */
export const handler = userRoute({
  action: 'createClient',
  connections: [db],
  request: { body: createClientRequestSchema },
  handler: async ({ body }, caller) => {
    const client = await new ClientAdmin(new PgClientStore(db)).createClient(caller, body);
    return respond(201, client, { location: `/clients/${client.id}` });
  },
});
