import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { http, userContextSchema } from '../../src/index.js';
import { apiEvent, lambdaContext } from '../support/lambda-context.js';
import { quietConsole } from '../support/quiet-powertools.js';

class ShelfError extends Error {
  constructor(
    readonly code: 'SHELF_EMPTY' | 'SHELF_LOCKED',
    message: string,
  ) {
    super(message);
    this.name = 'ShelfError';
  }
}

const user = {
  userId: '7d5b3e3c-3f1a-4c8e-9c1d-2f6a9b0e4a11',
  orgId: '0b6f2c1e-8a4d-4f3b-9e2a-5c7d8e9f0a12',
  role: 'admin',
};

beforeEach(() => quietConsole());
afterEach(() => vi.restoreAllMocks());

function route(thrown: Error) {
  return http({
    action: 'takeFromShelf',
    request: { authorizer: userContextSchema },
    domainErrors: { type: ShelfError, status: { SHELF_EMPTY: 404, SHELF_LOCKED: 409 } },
    handler: async () => {
      throw thrown;
    },
  });
}

async function answer(thrown: Error, authorizer: unknown = user) {
  const event = apiEvent({ requestContext: { ...apiEvent().requestContext, authorizer } as never });
  const result = (await route(thrown)(event, lambdaContext())) as APIGatewayProxyResult;
  return { status: result.statusCode, body: JSON.parse(result.body) };
}

describe('http with domain errors', () => {
  it('answers a domain error with its status, code and message', async () => {
    expect(await answer(new ShelfError('SHELF_LOCKED', 'The shelf is locked'))).toMatchObject({
      status: 409,
      body: { error: { code: 'SHELF_LOCKED', message: 'The shelf is locked' } },
    });
  });

  it('leaves other errors to the generic 500', async () => {
    const { status, body } = await answer(new Error('disk on fire'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('disk on fire');
  });

  it('refuses a request without the users authorizer context before the handler runs', async () => {
    const { status, body } = await answer(new ShelfError('SHELF_EMPTY', 'never thrown'), {
      principalId: 'x',
    });
    expect(status).toBe(500);
    expect(body.error.code).toBe('AUTHORIZER_CONTEXT_MISSING');
  });
});
