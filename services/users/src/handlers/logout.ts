import { logout } from '../domain/logout.js';
import { logoutRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgRefreshTokenStore } from '../store/refresh-token-store.js';

// Logouts are rare: no connection is held between them.
const db = database('close-after-invocation');

/** `POST /users/logout`: revokes the caller's refresh token (or all of them); 204. */
export const handler = userRoute({
  action: 'logout',
  connections: [db],
  request: { body: logoutRequestSchema },
  handler: async ({ body }, caller) => {
    await logout(new PgRefreshTokenStore(db), caller, body);
  },
});
