import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { userAdminOn } from '../lambda/services.js';

// Called when an app starts, not per action: no connection is held between invocations.
const db = database('close-after-invocation');

/** `GET /users/me`: the caller's own profile. */
export const handler = userRoute({
  action: 'getOwnProfile',
  connections: [db],
  handler: async (_request, caller) => userAdminOn(db).me(caller),
});
