import { authorizer, Unauthorized } from '@motorcade/lambda';

/**
 * An API Gateway TOKEN authorizer that other stacks import: the service that owns authentication
 * exports it, every other service puts it in front of its API. The demo accepts one token.
 */
export const handler = authorizer({
  action: 'authorizeDemo',
  type: 'TOKEN',
  authorize: async (token) => {
    if (token !== 'Bearer demo-token') throw new Unauthorized();
    return { effect: 'Allow', principalId: 'demo-user', context: { role: 'dispatcher' } };
  },
});
