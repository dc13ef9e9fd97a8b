import { clientRoute } from '../lambda/routes.js';

/**
 * `GET /clients/whoami` (API key): what the presented key is — its client system, organisation and
 * scopes — so an integrator can check a key before using it.
 */
export const handler = clientRoute({
  action: 'whoAmI',
  connections: [],
  handler: async (_request, client) => client,
});
