import { respond } from '@motorcade/lambda';
import { createUserRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { userAdminOn } from '../lambda/services.js';

// Users are created now and then: no connection is held between invocations.
const db = database('close-after-invocation');

/** `POST /users` (admins): a new user in the caller's organisation; 201. */
export const handler = userRoute({
  action: 'createUser',
  connections: [db],
  request: { body: createUserRequestSchema },
  handler: async ({ body }, caller) => {
    const user = await userAdminOn(db).create(caller, body);
    return respond(201, user, { location: `/users/${user.id}` });
  },
});
