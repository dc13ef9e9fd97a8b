import { userPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { userAdminOn } from '../lambda/services.js';

// Admin pages are rarely opened: no connection is held between invocations.
const db = database('close-after-invocation');

/** `GET /users/{userId}` (admins): one user of the caller's organisation, else 404. */
export const handler = userRoute({
  action: 'getUser',
  connections: [db],
  request: { path: userPathSchema },
  handler: async ({ path }, caller) => userAdminOn(db).get(caller, path.userId),
});
