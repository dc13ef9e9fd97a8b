import { userPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { userAdminOn } from '../lambda/services.js';

// Rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `POST /users/{userId}/enable` (admins): a disabled user may log in again. */
export const handler = userRoute({
  action: 'enableUser',
  connections: [db],
  request: { path: userPathSchema },
  handler: async ({ path }, caller) => userAdminOn(db).enable(caller, path.userId),
});
