import {
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSqsProject,
  handledRecords,
  SQS_STACK,
  sqsClient,
  sqsOf,
  waitFor,
} from './fixtures/sqs/sqs-harness.js';
import type { TestProject } from './support/test-project.js';

describe('SQS queues in stacks and event source mappings', () => {
  let project: TestProject;
  let sqs: SQSClient;
  let outputs: Record<string, string>;
  beforeEach(async () => {
    project = await createSqsProject();
    sqs = sqsClient(project);
    const [stack] = await project.cloud.deployProject(await project.config({ work: SQS_STACK }), 'test');
    outputs = stack?.outputs as Record<string, string>;
  });
  afterEach(async () => {
    sqs.destroy();
    await project.dispose();
  });

  it('gives a queue CloudFormation’s generated name, its URL as Ref and its ARN and name as attributes', () => {
    // Assess
    expect(outputs.WorkName).toMatch(/^test-work-Work-[A-Z0-9]{12}$/);
    expect(outputs.WorkUrl).toBe(`${project.cloud.edgeUrl}/123456789012/${outputs.WorkName}`);
    expect(outputs.WorkArn).toBe(`arn:aws:sqs:eu-west-1:123456789012:${outputs.WorkName}`);
    expect(outputs.DeadLettersUrl).toMatch(/\/123456789012\/test-work-DeadLetters-[A-Z0-9]{12}$/);
  });

  it('hands a sent message to the mapped function in Lambda’s exact SQS event and deletes it', async () => {
    // Act
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: outputs.WorkUrl,
        MessageBody: '{"id":1}',
        MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme' } },
      }),
    );
    const [handled] = await waitFor(async () => {
      const records = await handledRecords(project.recordDir);
      return records.length > 0 ? records : undefined;
    });

    // Assess
    expect(handled?.record).toEqual({
      messageId: sent.MessageId,
      receiptHandle: expect.stringMatching(/^AQEB/),
      body: '{"id":1}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        SenderId: 'motorcade-test',
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
      },
      messageAttributes: {
        tenant: { stringValue: 'acme', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
      md5OfBody: sent.MD5OfMessageBody,
      md5OfMessageAttributes: sent.MD5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: outputs.WorkArn,
      awsRegion: 'eu-west-1',
    });
    await waitFor(() => {
      const stats = sqsOf(project).stats()[outputs.WorkName as string];
      return stats && stats.visible + stats.inFlight === 0 ? true : undefined;
    });
  });

  it('delivers a burst of sends in batches of at most ten, each message once', async () => {
    // Act
    for (let batch = 0; batch < 5; batch += 1)
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: outputs.WorkUrl,
          Entries: Array.from({ length: 10 }, (_, index) => ({
            Id: `m${index}`,
            MessageBody: JSON.stringify({ id: batch * 10 + index }),
          })),
        }),
      );
    const records = await waitFor(async () => {
      const all = await handledRecords(project.recordDir);
      return all.length >= 50 ? all : undefined;
    });

    // Assess
    const ids = records.map(({ record }) => JSON.parse(record.body).id as number);
    expect(new Set(ids).size).toBe(50);
    expect(ids).toHaveLength(50);
  });

  it('retries only the messages a function reports in batchItemFailures, then dead-letters them', async () => {
    // Act
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: outputs.WorkUrl,
        Entries: [
          { Id: 'ok', MessageBody: JSON.stringify({ id: 'ok' }) },
          { Id: 'bad', MessageBody: JSON.stringify({ id: 'bad', fail: 'item' }) },
        ],
      }),
    );
    const dead = await waitFor(
      async () => {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: outputs.DeadLettersUrl, WaitTimeSeconds: 1 }),
        );
        return Messages?.[0];
      },
      8_000,
      'the dead-lettered message',
    );

    // Assess: maxReceiveCount 2 → handed out twice, then moved; the good message only once.
    const handled = (await handledRecords(project.recordDir)).map(({ record }) => JSON.parse(record.body).id);
    expect(handled.filter((id) => id === 'ok')).toHaveLength(1);
    expect(handled.filter((id) => id === 'bad')).toHaveLength(2);
    expect(JSON.parse(String(dead.Body))).toEqual({ id: 'bad', fail: 'item' });
  });

  it('brings back the whole batch when the function throws', async () => {
    // Act
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: outputs.WorkUrl,
        Entries: [
          { Id: 'ok', MessageBody: JSON.stringify({ id: 'ok' }) },
          { Id: 'boom', MessageBody: JSON.stringify({ id: 'boom', fail: 'throw' }) },
        ],
      }),
    );
    const records = await waitFor(
      async () => {
        const all = await handledRecords(project.recordDir);
        return all.filter(({ record }) => record.attributes.ApproximateReceiveCount === '2').length >= 2
          ? all
          : undefined;
      },
      8_000,
      'the second delivery of both messages',
    );

    // Assess: the good message came back too, since the batch failed as a whole.
    const second = records.filter(({ record }) => record.attributes.ApproximateReceiveCount === '2');
    expect(second.map(({ record }) => JSON.parse(record.body).id).sort()).toEqual(['boom', 'ok']);
  });

  it('keeps queued messages and the mapping across a restart of the local cloud', async () => {
    // Prepare: a message sent just before the restart.
    const env = project.cloud.environment('test');
    const before = env.stacks.get('test-work')?.resources;
    await sqs.send(new SendMessageCommand({ QueueUrl: outputs.WorkUrl, MessageBody: '{"id":"restart"}' }));

    // Act
    await project.restart();
    sqs.destroy();
    sqs = sqsClient(project);
    const url = `${project.cloud.edgeUrl}/123456789012/${outputs.WorkName}`;
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"id":"after"}' }));
    const records = await waitFor(async () => {
      const all = await handledRecords(project.recordDir);
      return all.some(({ record }) => record.body.includes('after')) ? all : undefined;
    });

    // Assess
    expect(before).toBeDefined();
    expect(sqsOf(project).stats()[outputs.WorkName as string]).toBeDefined();
    expect(records.map(({ record }) => JSON.parse(record.body).id)).toContain('restart');
  });
});
