/**
 * An API Gateway TOKEN authorizer that other stacks import: the service that owns authentication
 * exports it, every other service puts it in front of its API. The demo accepts one token.
 */
interface TokenEvent {
  authorizationToken: string;
  methodArn: string;
}

export const handler = async (event: TokenEvent) => {
  if (event.authorizationToken !== 'Bearer demo-token') throw new Error('Unauthorized');
  return {
    principalId: 'demo-user',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
    },
    context: { role: 'dispatcher' },
  };
};
