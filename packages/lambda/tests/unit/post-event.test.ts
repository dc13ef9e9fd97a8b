import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventTooLargeError, postEvent } from '../../src/index.js';

const lambda = mockClient(LambdaClient);
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:test-event-bus-SendEvent';

beforeEach(() => {
  lambda.reset();
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  process.env.SEND_EVENT_ARN = ARN;
  process.env.AWS_REGION = 'eu-west-1';
});

afterEach(() => {
  delete process.env.SEND_EVENT_ARN;
});

describe('postEvent', () => {
  it('invokes the bus asynchronously with the envelope', async () => {
    const event = await postEvent('itemCreated', { itemId: 'item-1' });
    const [call] = lambda.commandCalls(InvokeCommand);
    expect(call?.args[0].input).toMatchObject({ FunctionName: ARN, InvocationType: 'Event' });
    const sent = JSON.parse(Buffer.from(call?.args[0].input.Payload as Uint8Array).toString('utf8'));
    expect(sent).toEqual(event);
    expect(sent.detail).toEqual({ itemId: 'item-1' });
  });

  it('refuses an envelope over 1 MB before sending anything, naming the type and size', async () => {
    const detail = { blob: 'x'.repeat(1024 * 1024) };
    const error = await postEvent('photoTaken', detail).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({
      code: 'EVENT_TOO_LARGE',
      name: 'EventTooLargeError',
      eventType: 'photoTaken',
    });
    expect((error as Error).message).toMatch(
      /^Event photoTaken would be \d+ bytes; the event bus takes at most 1048576/,
    );
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('accepts an envelope just under the limit', async () => {
    const envelope = JSON.stringify({ ...(await postEvent('probe', {})), detail: { blob: '' } });
    lambda.reset();
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    // Fill the detail up to one byte below the limit (ids and times have fixed lengths).
    const blob = 'x'.repeat(1024 * 1024 - Buffer.byteLength(envelope) - 1);
    await postEvent('probe', { blob });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
  });
});
