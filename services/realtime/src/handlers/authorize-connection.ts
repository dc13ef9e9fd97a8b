import { authorizer, logger, Unauthorized } from '@motorcade/lambda';
import { authorizeConnection } from '../domain/connection-authorization.js';
import { REALTIME_ERROR, RealtimeError } from '../domain/errors.js';
import { usersTokenValidator } from '../lambda/token-validator.js';

const validator = usersTokenValidator();

/**
 * The WebSocket API's `$connect` authorizer (REQUEST, identity source the `token` query string
 * parameter): validates the user access token through the users service. A refused token is 401,
 * a Deny 403; an Allow carries `{ userId, orgId, role }` to every event of the connection.
 */
export const handler = authorizer({
  action: 'authorizeConnection',
  type: 'REQUEST',
  authorize: async (event) => {
    const token = event.queryStringParameters?.token;
    if (!token) throw new Unauthorized();
    try {
      return await authorizeConnection(validator, token, event.methodArn);
    } catch (error) {
      if (error instanceof RealtimeError && error.code === REALTIME_ERROR.tokenRefused) {
        logger.info('WebSocket connection refused: invalid access token');
        throw new Unauthorized({ cause: error });
      }
      throw error;
    }
  },
});
