import { respond } from '@motorcade/lambda';
import { loginRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { publicRoute } from '../lambda/routes.js';
import { sessionsOn } from '../lambda/services.js';

// Logins come in bursts at shift start, so the connection stays warm between invocations.
const db = database('reuse-across-invocations');

/** `POST /users/login` (no authorizer): an access token and a refresh token. */
export const handler = publicRoute({
  action: 'login',
  connections: [db],
  request: { body: loginRequestSchema },
  handler: async ({ body, event }) => {
    const session = await sessionsOn(db).login(body, event.requestContext.identity.sourceIp);
    // Tokens must never sit in a shared cache (RFC 6749 §5.1).
    return respond(200, session, { 'cache-control': 'no-store' });
  },
});
