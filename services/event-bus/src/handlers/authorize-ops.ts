import { authorizer, Unauthorized } from '@motorcade/lambda';
import { carriesOpsToken } from '../domain/ops-token.js';
import { requiredVariable } from '../settings.js';

const token = requiredVariable('OPS_TOKEN');

/**
 * The ops API's TOKEN authorizer: allows a request whose `Authorization` header carries the stack's
 * `OpsTokenSecret`. It stands in until the users service exports its authorizer, when the API's
 * `FunctionArn` becomes `!ImportValue ${UsersStackName}-ValidateLambdaArn` (see docs/event-bus.md).
 */
export const handler = authorizer({
  action: 'authorizeOps',
  type: 'TOKEN',
  authorize: async (header) => {
    if (!carriesOpsToken(header, token)) throw new Unauthorized();
    return { effect: 'Allow', principalId: 'ops', context: { role: 'ops' } };
  },
});
