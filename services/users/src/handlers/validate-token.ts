import { authorizer, logger, Unauthorized } from '@motorcade/lambda';
import { InvalidAccessTokenError } from '../domain/errors.js';
import { database } from '../lambda/database.js';
import { tokenValidationOn } from '../lambda/services.js';

// Every API request of every service passes here (on a cache miss): keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * The TOKEN authorizer other stacks import as `<users stack>-ValidateLambdaArn`. Allows the
 * whole API stage with the context `{ userId, orgId, role }`; anything else is 401.
 */
export const handler = authorizer({
  action: 'validateToken',
  type: 'TOKEN',
  connections: [db],
  authorize: async (authorization) => {
    try {
      const caller = await tokenValidationOn(db).validate(authorization);
      return { effect: 'Allow', principalId: caller.userId, context: { ...caller } };
    } catch (error) {
      if (!(error instanceof InvalidAccessTokenError)) throw error;
      logger.info('Access token refused', { reason: error.reason });
      throw new Unauthorized({ cause: error });
    }
  },
});
