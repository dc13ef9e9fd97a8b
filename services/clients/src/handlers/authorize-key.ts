import { authorizer, logger, Unauthorized } from '@motorcade/lambda';
import { InvalidApiKeyError } from '../domain/errors.js';
import { authenticateKey } from '../domain/key-authentication.js';
import { formatScopes } from '../domain/scopes.js';
import { database } from '../lambda/database.js';
import { PgClientStore } from '../store/client-store.js';

// Every request of every client system passes here (on a cache miss): keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * The TOKEN authorizer other stacks import as `<clients stack>-AuthorizerArn` (identity source:
 * the `X-Api-Key` header). Allows the whole API stage with the context
 * `{ clientId, orgId, scopes }` (scopes space-separated); anything else is 401.
 */
export const handler = authorizer({
  action: 'authorizeApiKey',
  type: 'TOKEN',
  connections: [db],
  authorize: async (presented) => {
    try {
      const client = await authenticateKey(new PgClientStore(db), presented);
      return {
        effect: 'Allow',
        principalId: client.clientId,
        context: { clientId: client.clientId, orgId: client.orgId, scopes: formatScopes(client.scopes) },
      };
    } catch (error) {
      if (!(error instanceof InvalidApiKeyError)) throw error;
      logger.info('API key refused', { reason: error.reason });
      throw new Unauthorized({ cause: error });
    }
  },
});
