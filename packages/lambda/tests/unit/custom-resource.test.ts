import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true';
});

import { customResource } from '../../src/index.js';
import { lambdaContext } from '../support/lambda-context.js';
import { quietConsole } from '../support/quiet-powertools.js';
import { type ResponseUrlServer, startResponseUrlServer } from '../support/response-url-server.js';

const request = (
  responseUrl: string,
  overrides: Partial<CloudFormationCustomResourceEvent> = {},
): CloudFormationCustomResourceEvent =>
  ({
    RequestType: 'Create',
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1',
    RequestId: 'req-1',
    LogicalResourceId: 'Listener',
    ResourceType: 'Custom::Listener',
    ResourceProperties: { ServiceToken: 'arn', Event: 'itemCreated', Retries: '3' },
    ...overrides,
  }) as CloudFormationCustomResourceEvent;

const properties = z.object({ Event: z.string().min(1), Retries: z.coerce.number().int() });

describe('customResource', () => {
  let server: ResponseUrlServer;
  beforeEach(async () => {
    quietConsole();
    server = await startResponseUrlServer();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('answers SUCCESS with the physical id and data the handler returned', async () => {
    // Prepare
    const handler = customResource({
      action: 'registerListener',
      properties,
      create: async ({ Event, Retries }) => ({ physicalResourceId: `listener-${Event}`, data: { Retries } }),
      update: async () => undefined,
      delete: async () => undefined,
    });

    // Act
    await handler(request(server.url), lambdaContext());

    // Assess
    expect(server.bodies).toEqual([
      {
        Status: 'SUCCESS',
        Reason: '',
        PhysicalResourceId: 'listener-itemCreated',
        StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1',
        RequestId: 'req-1',
        LogicalResourceId: 'Listener',
        Data: { Retries: 3 },
      },
    ]);
    expect(server.contentTypes).toEqual(['']);
  });

  it('answers FAILED with the thrown message, and the invocation itself succeeds', async () => {
    const handler = customResource({
      action: 'registerListener',
      properties,
      create: async () => {
        throw new Error('the event bus refused the listener');
      },
      update: async () => undefined,
      delete: async () => undefined,
    });

    await expect(handler(request(server.url), lambdaContext())).resolves.toEqual({});

    expect(server.bodies[0]).toMatchObject({
      Status: 'FAILED',
      Reason: 'the event bus refused the listener',
      PhysicalResourceId: 'Listener-req-1',
    });
  });

  it('answers FAILED shortly before the function would time out', async () => {
    // Prepare: 1.5 s left, the handler would need 10 s.
    const handler = customResource({
      action: 'registerListener',
      properties,
      timeoutMarginMs: 1_000,
      create: () => new Promise(() => undefined),
      update: async () => undefined,
      delete: async () => undefined,
    });
    const started = Date.now();

    // Act
    await handler(request(server.url), lambdaContext({}, 1_500));

    // Assess
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(server.bodies[0]).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('timeout') });
  });

  it('answers FAILED naming the invalid property on Create, SUCCESS on Delete', async () => {
    const handler = customResource({
      action: 'registerListener',
      properties,
      create: async () => undefined,
      update: async () => undefined,
      delete: async () => undefined,
    });
    const bad = { ServiceToken: 'arn', Event: '', Retries: 'many' };

    await handler(request(server.url, { ResourceProperties: bad }), lambdaContext());
    await handler(
      request(server.url, { RequestType: 'Delete', PhysicalResourceId: 'p1', ResourceProperties: bad }),
      lambdaContext(),
    );

    expect(server.bodies[0]).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringMatching(/ResourceProperties\.Event.*Retries/),
    });
    // Each field says what is wrong with it, not only its name.
    expect(server.bodies[0]?.Reason).toMatch(
      /^Invalid properties: ResourceProperties\.Event: [^;]+; ResourceProperties\.Retries: [^;]+$/,
    );
    expect(server.bodies[1]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'p1' });
  });

  it('shortens a long reason so CloudFormation accepts the response (4,096 bytes)', async () => {
    const handler = customResource({
      action: 'registerListener',
      properties,
      create: async () => {
        throw new Error('é'.repeat(5_000));
      },
      update: async () => undefined,
      delete: async () => undefined,
    });

    await handler(request(server.url), lambdaContext());

    expect(Buffer.byteLength(JSON.stringify(server.bodies[0]))).toBeLessThanOrEqual(4_096);
    expect(server.bodies[0]).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/^é+\.\.\.$/) });
  });
});
