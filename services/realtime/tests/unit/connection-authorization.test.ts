import { describe, expect, it } from 'vitest';
import { authorizeConnection } from '../../src/domain/connection-authorization.js';
import { REALTIME_ERROR, RealtimeError } from '../../src/domain/errors.js';
import type { TokenValidator } from '../../src/domain/ports.js';

const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/v1/$connect';
const OWNER = {
  userId: '0b9e6f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  orgId: '1c0f7a8b-2d3e-4f5a-9b0c-1d2e3f4a5b6c',
  role: 'dispatcher',
};

/** The users service's validator answering `answer` and recording what it was asked. */
function validator(answer: unknown): TokenValidator & { calls: [string, string][] } {
  const calls: [string, string][] = [];
  return {
    calls,
    validate: async (authorization, methodArn) => {
      calls.push([authorization, methodArn]);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const policy = (effect: string, context?: object) => ({
  principalId: OWNER.userId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [
      {
        Action: 'execute-api:Invoke',
        Effect: effect,
        Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/v1/*',
      },
    ],
  },
  ...(context ? { context } : {}),
});

describe('authorizeConnection', () => {
  it('asks the users service as API Gateway asks a TOKEN authorizer, and allows with the owner as context', async () => {
    // Prepare
    const users = validator(policy('Allow', OWNER));

    // Act
    const decision = await authorizeConnection(users, 'eyJ.token', METHOD_ARN);

    // Assess
    expect(users.calls).toEqual([['Bearer eyJ.token', METHOD_ARN]]);
    expect(decision).toEqual({ effect: 'Allow', principalId: OWNER.userId, context: OWNER });
  });

  it('denies what the users service denies (API Gateway answers 403)', async () => {
    // Act
    const decision = await authorizeConnection(validator(policy('Deny', OWNER)), 't', METHOD_ARN);

    // Assess
    expect(decision).toEqual({ effect: 'Deny', principalId: OWNER.userId });
  });

  it('passes a refused token on as a refusal', async () => {
    // Prepare
    const refusal = new RealtimeError(REALTIME_ERROR.tokenRefused, 'The access token was refused');

    // Act
    const deciding = authorizeConnection(validator(refusal), 't', METHOD_ARN);

    // Assess
    await expect(deciding).rejects.toBe(refusal);
  });

  it.each([
    ['no policy', { principalId: 'u' }],
    ['an Allow without the owner context', policy('Allow')],
    ['an Allow with an unknown role', policy('Allow', { ...OWNER, role: 'customer' })],
  ])('refuses to allow on %s', async (_case, answer) => {
    // Act
    const deciding = authorizeConnection(validator(answer), 't', METHOD_ARN);

    // Assess
    await expect(deciding).rejects.toMatchObject({ code: REALTIME_ERROR.invalidAuthorization });
  });
});
