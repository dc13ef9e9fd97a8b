import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'Test';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
});

import { HttpError, http, respond } from '../../src/index.js';
import { apiEvent, captureConsole, lambdaContext } from '../support/lambda-context.js';

const createItem = http({
  action: 'createItem',
  request: {
    body: z.object({ name: z.string().min(1), quantity: z.number().int().positive() }),
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
  },
  handler: async ({ body }) => respond(201, { id: 'i1', ...body }, { location: '/items/i1' }),
});

describe('http', () => {
  let log: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    for (const level of ['info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation(() => undefined);
    }
  });
  afterEach(() => vi.restoreAllMocks());

  it('answers the domain result as JSON with its status and headers', async () => {
    // Act
    const result = await createItem(apiEvent({ body: '{"name":"crate","quantity":2}' }), lambdaContext());

    // Assess
    expect(result).toMatchObject({
      statusCode: 201,
      headers: { location: '/items/i1', 'content-type': 'application/json' },
    });
    expect(JSON.parse('body' in result ? result.body : '')).toEqual({ id: 'i1', name: 'crate', quantity: 2 });
  });

  it('answers 400 naming every failing field of body and query at once', async () => {
    // Prepare
    const context = lambdaContext();
    const event = apiEvent({ body: '{"name":"","quantity":-1}', queryStringParameters: { dryRun: 'maybe' } });

    // Act
    const result = await createItem(event, context);

    // Assess
    expect(result).toMatchObject({ statusCode: 400 });
    const body = JSON.parse('body' in result ? result.body : '');
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', requestId: context.awsRequestId });
    expect(body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual([
      'body.name',
      'body.quantity',
      'query.dryRun',
    ]);
    expect(body.error.message).toContain('body.name');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const result = await createItem(apiEvent({ body: '{"name":' }), lambdaContext());

    expect(result).toMatchObject({ statusCode: 400 });
    expect(JSON.parse('body' in result ? result.body : '').error.fields[0]).toMatchObject({ path: 'body' });
  });

  it('answers an HttpError with its status, code and message', async () => {
    const handler = http({
      action: 'getItem',
      handler: async () => {
        throw new HttpError(404, 'ITEM_NOT_FOUND', 'No item i9');
      },
    });

    const result = await handler(apiEvent({ httpMethod: 'GET' }), lambdaContext());

    expect(result).toMatchObject({ statusCode: 404 });
    expect(JSON.parse('body' in result ? result.body : '').error).toMatchObject({
      code: 'ITEM_NOT_FOUND',
      message: 'No item i9',
    });
  });

  it('turns an unexpected error into a 500 with the request id and nothing of its internals', async () => {
    // Prepare
    const handler = http({
      action: 'getItem',
      handler: async () => {
        throw new Error('password authentication failed for user "admin" at 10.0.0.5');
      },
    });
    const context = lambdaContext();

    // Act
    const result = await handler(apiEvent(), context);

    // Assess
    expect(result).toMatchObject({ statusCode: 500 });
    const text = 'body' in result ? result.body : '';
    expect(JSON.parse(text)).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'Internal server error', requestId: context.awsRequestId },
    });
    expect(text).not.toContain('password');
  });

  it('keeps the caller’s correlation id on the logs and the response', async () => {
    // Prepare
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const { logger } = await import('../../src/index.js');
    const handler = http({
      action: 'ping',
      handler: async () => {
        logger.info('pinged');
        return { ok: true };
      },
    });

    // Act
    const result = await handler(apiEvent({ headers: { 'X-Correlation-Id': 'corr-42' } }), lambdaContext());

    // Assess
    expect(result).toMatchObject({ headers: { 'x-correlation-id': 'corr-42' } });
    expect(captureConsole(info).find((line) => line.message === 'pinged')).toMatchObject({
      correlation_id: 'corr-42',
    });
  });

  it('flushes one metric for the business action (EMF) with the memory watch on every invocation', async () => {
    // Act
    await createItem(apiEvent({ body: '{"name":"crate","quantity":2}' }), lambdaContext());
    await createItem(apiEvent({ body: '{}' }), lambdaContext());

    // Assess
    const flushes = captureConsole(log).filter((line) => '_aws' in line);
    expect(flushes).toHaveLength(2);
    expect(flushes[0]).toMatchObject({ createItem: 1, MemoryUsedPercent: expect.any(Number) });
    expect(flushes[1]).not.toHaveProperty('createItem');
    expect(flushes[1]).toHaveProperty('MemoryUsedPercent');
  });

  it('answers 204 when the handler returns nothing', async () => {
    const handler = http({ action: 'deleteItem', handler: async () => undefined });

    const result = await handler(apiEvent({ httpMethod: 'DELETE' }), lambdaContext());

    expect(result).toMatchObject({ statusCode: 204, body: '' });
  });

  it('refuses an unknown option when the handler is built', () => {
    const build = () =>
      http({ action: 'x', handler: async () => undefined, ...({ requets: {} } as Record<string, unknown>) });

    expect(build).toThrow(/unknown option requets/);
  });
});

describe('http handler: the authorizer context', () => {
  const whoAmI = http({
    action: 'whoAmI',
    request: {
      authorizer: z.object({ principalId: z.string(), orgId: z.string(), role: z.enum(['admin', 'driver']) }),
    },
    handler: async ({ authorizer }) => ({ org: authorizer.orgId, role: authorizer.role }),
  });
  const withAuthorizer = (authorizer: Record<string, unknown> | null) => {
    const event = apiEvent({ httpMethod: 'GET' });
    return { ...event, requestContext: { ...event.requestContext, authorizer } };
  };

  it('gives the handler the authorizer context, typed by its schema', async () => {
    // Act
    const result = (await whoAmI(
      withAuthorizer({ principalId: 'u1', orgId: 'org-1', role: 'driver' }),
      lambdaContext(),
    )) as { statusCode: number; body: string };

    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ org: 'org-1', role: 'driver' });
  });

  it.each([
    ['no authorizer context (a route deployed without its authorizer)', null],
    ['a context of another shape', { principalId: 'u1' }],
  ])('answers a 500 that exposes nothing for %s', async (_case, authorizer) => {
    // Act
    const result = (await whoAmI(withAuthorizer(authorizer), lambdaContext())) as {
      statusCode: number;
      body: string;
    };

    // Assess
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body).error).toMatchObject({
      code: 'AUTHORIZER_CONTEXT_MISSING',
      message: 'Internal Server Error',
    });
  });
});
