import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { callable, createEvent, type EventEnvelope, invoke, listener } from '../../src/index.js';
import { lambdaContext } from '../support/lambda-context.js';
import { quietConsole } from '../support/quiet-powertools.js';

// A listener handling event E calls another service synchronously; an event that service posts
// must name E as its cause, or the bus's loop limit could be escaped through a synchronous hop.

const lambda = mockClient(LambdaClient);

beforeEach(() => {
  quietConsole();
  lambda.reset();
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: Buffer.from('{}') as never });
  process.env.AWS_REGION = 'eu-west-1';
});
afterEach(() => vi.restoreAllMocks());

function decodedClientContext(): Record<string, unknown> {
  const call = lambda.commandCalls(InvokeCommand)[0];
  const encoded = call?.args[0].input.ClientContext ?? '';
  return (JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { custom: Record<string, unknown> })
    .custom;
}

describe('causation across a synchronous invoke', () => {
  it('sends the event being handled as the causation id in the client context', async () => {
    const onAccepted = listener({
      action: 'callsAnotherService',
      types: ['allocationAccepted'],
      detail: z.object({}),
      handler: async () => {
        await invoke('arn:aws:lambda:eu-west-1:123456789012:function:other', { ask: true });
      },
    });
    const envelope: EventEnvelope = {
      id: 'evt-42',
      type: 'allocationAccepted',
      source: 'allocation',
      time: new Date().toISOString(),
      detail: {},
      correlationId: 'corr-1',
    };
    await onAccepted(envelope, lambdaContext());
    expect(decodedClientContext()).toMatchObject({ correlationId: 'corr-1', causationId: 'evt-42' });
  });

  it('makes the callee post its events with the caller’s cause and correlation', async () => {
    let posted: EventEnvelope | undefined;
    const callee = callable({
      action: 'answersAndPosts',
      input: z.object({}),
      handler: async () => {
        posted = createEvent('somethingHappened', {});
        return {};
      },
    });
    const clientContext = { custom: { correlationId: 'corr-1', causationId: 'evt-42' } } as never;
    await callee({}, lambdaContext({ clientContext }));
    expect(posted).toMatchObject({ correlationId: 'corr-1', causationId: 'evt-42' });
  });

  it('falls back to the invocation as the cause without a client context', async () => {
    let posted: EventEnvelope | undefined;
    const callee = callable({
      action: 'answersAndPosts',
      input: z.object({}),
      handler: async () => {
        posted = createEvent('somethingHappened', {});
        return {};
      },
    });
    const context = lambdaContext();
    await callee({}, context);
    expect(posted?.causationId).toBe(context.awsRequestId);
  });
});
