import {
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqsOf } from './fixtures/sqs/sqs-harness.js';
import { type SqsEdge, startSqsEdge } from './support/sqs-edge.js';
import type { TestProject } from './support/test-project.js';

// A standard queue's life through the SQS API: created, found, described (counts, redrive to a
// dead-letter queue), purged and deleted.
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

  it('creates a queue at <edge>/<account>/<name> and finds it by name and prefix', async () => {
    // Prepare
    const url = await createQueue('orders');
    await createQueue('other');

    // Act
    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }));

    // Assess
    expect(url).toBe(`${project.cloud.edgeUrl}/123456789012/orders`);
    expect(found.QueueUrl).toBe(url);
    expect(listed.QueueUrls).toEqual([url]);
  });

  it('answers an unknown queue with the SDK’s QueueDoesNotExist and SQS’s code', async () => {
    // Act
    const error = await sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect((error as QueueDoesNotExist).message).toBe('The specified queue does not exist.');
    expect((error as QueueDoesNotExist & { Code?: string }).Code).toBe(
      'AWS.SimpleQueueService.NonExistentQueue',
    );
    expect((error as QueueDoesNotExist).$metadata.httpStatusCode).toBe(400);
  });

  it('refuses to create an existing queue with different attributes', async () => {
    // Prepare
    await createQueue('orders', { VisibilityTimeout: '30' });

    // Act
    const same = await createQueue('orders', { VisibilityTimeout: '30' });
    const error = await createQueue('orders', { VisibilityTimeout: '5' }).catch((e: unknown) => e);

    // Assess
    expect(same).toContain('/orders');
    expect(error).toBeInstanceOf(QueueNameExists);
  });

  it('counts visible, in-flight and delayed messages in GetQueueAttributes and stats()', async () => {
    // Prepare
    const url = await createQueue('orders');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'two' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    // Act
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    const stats = sqsOf(project).stats().orders;

    // Assess
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
      VisibilityTimeout: '30',
      MaximumMessageSize: '1048576',
      QueueArn: 'arn:aws:sqs:eu-west-1:123456789012:orders',
    });
    expect(stats).toMatchObject({ visible: 1, inFlight: 1, delayed: 1, approximateAgeOfOldestMessage: 0 });
  });

  it('moves a message past maxReceiveCount to the dead-letter queue, keeping its id and body', async () => {
    // Prepare
    const dlq = await createQueue('orders-dlq');
    const url = await createQueue('orders', {
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq',
        maxReceiveCount: '1',
      }),
    });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }));

    // Act
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'] }),
    );

    // Assess
    expect(second.Messages).toBeUndefined();
    expect(dead.Messages?.[0]).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'poison',
      Attributes: { DeadLetterQueueSourceArn: 'arn:aws:sqs:eu-west-1:123456789012:orders' },
    });
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }),
    );
    expect(JSON.parse(String(attributes.Attributes?.RedrivePolicy))).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq',
      maxReceiveCount: 1,
    });
  });

  it('purges and deletes a queue', async () => {
    // Prepare
    const url = await createQueue('orders');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'gone' }));

    // Act
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    const afterPurge = sqsOf(project).stats().orders;
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    const error = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url })).catch((e: unknown) => e);

    // Assess
    expect(afterPurge?.visible).toBe(0);
    expect(error).toBeInstanceOf(QueueDoesNotExist);
  });
});
