import type { APIGatewayAuthorizerResult } from 'aws-lambda';

/** Values an authorizer may pass to the integration (`requestContext.authorizer.<key>`). */
export type AuthorizerContext = Readonly<Record<string, string | number | boolean>>;

/**
 * A policy allowing `principalId` to call `resource` (one method ARN, a wildcard, or several), with
 * `context` for the service's own finer-grained decisions.
 * @example
 * return allowPolicy('user-1', apiWildcardArn(event.methodArn), { role: 'dispatcher' });
 */
export function allowPolicy(
  principalId: string,
  resource: string | readonly string[],
  context: AuthorizerContext = {},
): APIGatewayAuthorizerResult {
  return policy('Allow', principalId, resource, context);
}

/**
 * A policy denying `principalId` the `resource` (the client gets 403).
 * @example
 * return denyPolicy('user-1', event.methodArn);
 */
export function denyPolicy(
  principalId: string,
  resource: string | readonly string[],
  context: AuthorizerContext = {},
): APIGatewayAuthorizerResult {
  return policy('Deny', principalId, resource, context);
}

/**
 * Every method of every path of the method ARN's API stage:
 * `arn:aws:execute-api:eu-west-1:123:abc/prod/GET/items/1` → `arn:aws:execute-api:eu-west-1:123:abc/prod/*`.
 * API Gateway caches an authorizer's policy per token for all routes, so a policy naming only the
 * first route called would deny the others until the cache expires.
 * @example
 * allowPolicy(user.id, apiWildcardArn(event.methodArn));
 */
export function apiWildcardArn(methodArn: string): string {
  const [prefix, path] = splitOnce(methodArn, '/');
  const [stage] = splitOnce(path, '/');
  if (!prefix.startsWith('arn:') || !stage)
    throw new RangeError(`Not an API Gateway method ARN: ${methodArn}`);
  return `${prefix}/${stage}/*`;
}

function splitOnce(value: string, separator: string): [string, string] {
  const index = value.indexOf(separator);
  return index === -1 ? [value, ''] : [value.slice(0, index), value.slice(index + 1)];
}

function policy(
  effect: 'Allow' | 'Deny',
  principalId: string,
  resource: string | readonly string[],
  context: AuthorizerContext,
): APIGatewayAuthorizerResult {
  for (const [key, value] of Object.entries(context)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new TypeError(
        `Authorizer context "${key}" must be a string, number or boolean (API Gateway drops others)`,
      );
    }
  }
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'execute-api:Invoke',
          Effect: effect,
          Resource: typeof resource === 'string' ? resource : [...resource],
        },
      ],
    },
    ...(Object.keys(context).length > 0 ? { context: { ...context } } : {}),
  };
}
