import type { APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true';
});

import { allowPolicy, apiWildcardArn, authorizer, denyPolicy, Unauthorized } from '../../src/index.js';
import { lambdaContext } from '../support/lambda-context.js';
import { quietConsole } from '../support/quiet-powertools.js';

const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/vehicles/v1';
const tokenEvent = (token: string): APIGatewayTokenAuthorizerEvent => ({
  type: 'TOKEN',
  methodArn: METHOD_ARN,
  authorizationToken: token,
});

const byToken = authorizer({
  action: 'authorizeUser',
  type: 'TOKEN',
  authorize: async (token) => {
    if (token === 'Bearer good')
      return { effect: 'Allow', principalId: 'user-1', context: { role: 'dispatcher', level: 3 } };
    if (token === 'Bearer banned') return { effect: 'Deny', principalId: 'user-2' };
    if (token === 'Bearer crash') throw new Error('token service down');
    throw new Unauthorized();
  },
});

describe('authorizer', () => {
  beforeEach(() => quietConsole());
  afterEach(() => vi.restoreAllMocks());

  it('allows the whole API stage with the context the service decides on', async () => {
    const result = await byToken(tokenEvent('Bearer good'), lambdaContext());

    expect(result).toEqual({
      principalId: 'user-1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*',
          },
        ],
      },
      context: { role: 'dispatcher', level: 3 },
    });
  });

  it('denies with a Deny policy (API Gateway answers 403)', async () => {
    const result = await byToken(tokenEvent('Bearer banned'), lambdaContext());

    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
  });

  it.each([
    ['no valid credentials', 'Bearer nobody'],
    ['a failing authorize function', 'Bearer crash'],
  ])('throws exactly "Unauthorized" (API Gateway answers 401) for %s', async (_case, token) => {
    await expect(byToken(tokenEvent(token), lambdaContext())).rejects.toThrow(/^Unauthorized$/);
  });

  it('hands a REQUEST authorizer the whole request', async () => {
    // Prepare
    const byHeader = authorizer({
      action: 'authorizeClient',
      type: 'REQUEST',
      authorize: async (event) => ({
        effect: 'Allow',
        principalId: event.headers?.['x-client-id'] ?? 'anonymous',
      }),
    });
    const event = {
      type: 'REQUEST',
      methodArn: METHOD_ARN,
      headers: { 'x-client-id': 'client-7' },
    } as unknown as APIGatewayRequestAuthorizerEvent;

    // Act
    const result = await byHeader(event, lambdaContext());

    // Assess
    expect(result.principalId).toBe('client-7');
  });

  it('builds policies by hand and refuses a context value API Gateway would drop', () => {
    expect(denyPolicy('u', [METHOD_ARN]).policyDocument.Statement[0]).toMatchObject({
      Effect: 'Deny',
      Resource: [METHOD_ARN],
    });
    expect(apiWildcardArn(METHOD_ARN)).toBe('arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*');
    expect(() => allowPolicy('u', METHOD_ARN, { roles: ['a'] } as unknown as Record<string, string>)).toThrow(
      /"roles" must be a string, number or boolean/,
    );
  });
});
