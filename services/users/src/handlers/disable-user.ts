import { userPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { userAdminOn } from '../lambda/services.js';

// Rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `POST /users/{userId}/disable` (admins): the user can no longer log in, refresh or call APIs. */
export const handler = userRoute({
  action: 'disableUser',
  connections: [db],
  request: { path: userPathSchema },
  handler: async ({ path }, caller) => userAdminOn(db).disable(caller, path.userId),
});
