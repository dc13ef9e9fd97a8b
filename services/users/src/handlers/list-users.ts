import { listUsersQuerySchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { userAdminOn } from '../lambda/services.js';

// Admin pages are rarely opened: no connection is held between invocations.
const db = database('close-after-invocation');

/** `GET /users?limit=&after=` (admins): the organisation's users, by email. */
export const handler = userRoute({
  action: 'listUsers',
  connections: [db],
  request: { query: listUsersQuerySchema },
  handler: async ({ query }, caller) => userAdminOn(db).list(caller, query),
});
