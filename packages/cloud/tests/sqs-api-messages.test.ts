import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
  type SQSServiceException,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { md5OfMessageAttributes } from '../src/sqs/index.js';
import { sqsOf } from './fixtures/sqs/sqs-harness.js';
import { type SqsEdge, startSqsEdge } from './support/sqs-edge.js';
import type { TestProject } from './support/test-project.js';

// Messages through the SQS API: on a standard queue sent (alone and in batches), received, long
// polled, hidden and shown again, and deleted; on a FIFO queue, what message groups and
// deduplication change.
describe('SQS API on the edge (standard queues)', () => {
  let project: TestProject;
  let sqs: SQSClient;
  let createQueue: SqsEdge['createQueue'];
  let dispose: SqsEdge['dispose'];
  beforeEach(async () => {
    ({ project, sqs, createQueue, dispose } = await startSqsEdge());
  });
  afterEach(async () => {
    await dispose?.();
  });

  it('round-trips a message with attributes whose MD5s the SDK verifies', async () => {
    // Prepare
    const url = await createQueue('orders');
    const attributes = {
      tenant: { DataType: 'String', StringValue: 'acme' },
      weight: { DataType: 'Number', StringValue: '12.5' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3, 250]) },
    };

    // Act
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'héllo ✓', MessageAttributes: attributes }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );

    // Assess
    const [message] = received.Messages ?? [];
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe('héllo ✓');
    expect(sent.MD5OfMessageAttributes).toBe(message?.MD5OfMessageAttributes);
    expect(sent.MD5OfMessageAttributes).toBe(
      md5OfMessageAttributes({
        tenant: { DataType: 'String', StringValue: 'acme' },
        weight: { DataType: 'Number', StringValue: '12.5' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3, 250]).toString('base64') },
      }),
    );
    expect(message?.MessageAttributes?.tenant?.StringValue).toBe('acme');
    expect([...(message?.MessageAttributes?.blob?.BinaryValue ?? [])]).toEqual([1, 2, 3, 250]);
    expect(message?.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: 'motorcade-test' });
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThan(Date.now() - 10_000);
  });

  it('computes the attribute MD5 SQS documents for a known example', () => {
    // Act: one String attribute, checked against an MD5 computed with SQS's published algorithm.
    const md5 = md5OfMessageAttributes({ a: { DataType: 'String', StringValue: 'b' } });

    // Assess: 00000001 'a' 00000006 'String' 01 00000001 'b'
    const bytes = Buffer.concat([
      Buffer.from([0, 0, 0, 1]),
      Buffer.from('a'),
      Buffer.from([0, 0, 0, 6]),
      Buffer.from('String'),
      Buffer.from([1, 0, 0, 0, 1]),
      Buffer.from('b'),
    ]);
    expect(md5).toBe(createHash('md5').update(bytes).digest('hex'));
  });

  it('refuses a message over 1 MiB with SQS’s InvalidParameterValue', async () => {
    // Prepare
    const url = await createQueue('orders');

    // Act
    const error = await sqs
      .send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1_048_577) }))
      .catch((e: unknown) => e);
    const fits = await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1_048_576) }),
    );

    // Assess
    expect((error as SQSServiceException).name).toBe('InvalidParameterValue');
    expect((error as SQSServiceException).message).toBe(
      'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
    );
    expect(fits.MessageId).toBeDefined();
  });

  it('answers a long poll as soon as a message arrives', async () => {
    // Prepare
    const url = await createQueue('orders');
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sentAt = Date.now();

    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'wake up' }));
    const received = await polling;

    // Assess: well before the 20 s wait runs out.
    expect(received.Messages?.[0]?.Body).toBe('wake up');
    expect(Date.now() - sentAt).toBeLessThan(5_000);
  });

  it('hides a received message for the visibility timeout, then hands it out again with a higher count', async () => {
    // Prepare
    const url = await createQueue('orders');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 1 }));

    // Act
    const hidden = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const again = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 3, MessageSystemAttributeNames: ['All'] }),
    );

    // Assess
    expect(hidden.Messages).toBeUndefined();
    expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('makes an in-flight message visible at once with ChangeMessageVisibility 0', async () => {
    // Prepare
    const url = await createQueue('orders');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'retry me' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    // Act
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    // Assess
    expect(second.Messages?.[0]?.Body).toBe('retry me');
  });

  it('deletes received messages one by one and in batches, and reports bad entries per entry', async () => {
    // Prepare
    const url = await createQueue('orders');
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: ['a', 'b', 'c'].map((id) => ({ Id: id, MessageBody: `body-${id}` })),
      }),
    );
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
    );

    // Act
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle }));
    const batch = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          ...Messages.slice(1).map((message, index) => ({
            Id: `m${index}`,
            ReceiptHandle: message.ReceiptHandle,
          })),
          { Id: 'bad', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );
    const single = await sqs
      .send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'not-a-handle' }))
      .catch((e: unknown) => e);

    // Assess
    expect(Messages).toHaveLength(3);
    expect(batch.Successful?.map((entry) => entry.Id)).toEqual(['m0', 'm1']);
    expect(batch.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', Code: 'ReceiptHandleIsInvalid', SenderFault: true }),
    ]);
    expect(single).toBeInstanceOf(ReceiptHandleIsInvalid);
    expect(sqsOf(project).stats().orders).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('refuses a batch of more than ten entries', async () => {
    // Prepare
    const url = await createQueue('orders');

    // Act
    const error = await sqs
      .send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: Array.from({ length: 11 }, (_, index) => ({ Id: `e${index}`, MessageBody: 'x' })),
        }),
      )
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(TooManyEntriesInBatchRequest);
  });
});

describe('SQS API on the edge (FIFO queues)', () => {
  let sqs: SQSClient;
  let dispose: SqsEdge['dispose'];
  beforeEach(async () => {
    ({ sqs, dispose } = await startSqsEdge());
  });
  afterEach(async () => {
    await dispose?.();
  });

  const createFifo = async (): Promise<string> =>
    String(
      (
        await sqs.send(
          new CreateQueueCommand({
            QueueName: 'jobs.fifo',
            Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
          }),
        )
      ).QueueUrl,
    );

  it('holds a group’s next message back while one of the group is in flight', async () => {
    // Prepare
    const url = await createFifo();
    for (const body of ['a1', 'a2', 'b1'])
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: body[0] }));

    // Act
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));

    // Assess
    expect(first.Messages?.map((m) => m.Body)).toEqual(['a1']);
    expect(second.Messages?.map((m) => m.Body)).toEqual(['b1']);
    expect(third.Messages?.map((m) => m.Body)).toEqual(['a2']);
  });

  it('drops a duplicate within the deduplication window and returns the first message id', async () => {
    // Prepare
    const url = await createFifo();
    const first = await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }),
    );

    // Act
    const duplicate = await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
      }),
    );

    // Assess
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(received.Messages).toHaveLength(1);
    expect(received.Messages?.[0]?.Attributes).toMatchObject({
      MessageGroupId: 'g',
      SequenceNumber: first.SequenceNumber,
    });
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
  });

  it('refuses a FIFO message without a group id', async () => {
    // Prepare
    const url = await createFifo();

    // Act
    const error = await sqs
      .send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }))
      .catch((e: unknown) => e);

    // Assess
    expect((error as SQSServiceException).name).toBe('MissingParameter');
    expect((error as SQSServiceException).message).toBe(
      'The request must contain the parameter MessageGroupId.',
    );
  });
});
