import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqsService } from '../src/sqs/index.js';
import { createSqsProject, sqsOf } from './fixtures/sqs/sqs-harness.js';
import type { TestProject } from './support/test-project.js';

const lines = async (project: TestProject): Promise<number> =>
  (await readFile(join(project.stateDir, 'sqs', 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean).length;

describe('SQS journal', () => {
  let project: TestProject;
  beforeEach(async () => {
    // A small compaction threshold, so the compaction test needs hundreds of messages, not thousands.
    project = await createSqsProject('test', '123456789012', createSqsService({ compactionMinRecords: 400 }));
  });
  afterEach(async () => {
    await project.dispose();
  });

  it('brings queues back after a restart with their messages, receive counts and invisibility', async () => {
    // Prepare
    const sqs = sqsOf(project);
    const queue = sqs.createQueue('orders', { VisibilityTimeout: '60' });
    for (let index = 0; index < 4; index += 1) sqs.sendMessage(queue, { MessageBody: `m${index}` }, 'me');
    const [inFlight] = queue.receive(1);
    sqs.sendMessage(queue, { MessageBody: 'later', DelaySeconds: 120 }, 'me');

    // Act
    await project.restart();

    // Assess
    const restored = sqsOf(project).queueByName('orders');
    expect(restored.stats()).toMatchObject({ visible: 3, inFlight: 1, delayed: 1 });
    expect(restored.settings.visibilityTimeoutSeconds).toBe(60);
    const bodies = restored.receive(10).map(({ message }) => message.body);
    expect(bodies.sort()).toEqual(['m1', 'm2', 'm3']);
    expect(inFlight?.message.body).toBe('m0');
  });

  it('keeps a FIFO queue’s order and deduplication window across a restart', async () => {
    // Prepare
    const sqs = sqsOf(project);
    const queue = sqs.createQueue('jobs.fifo', { FifoQueue: 'true' });
    const first = sqs.sendMessage(
      queue,
      { MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'd1' },
      'me',
    );
    sqs.sendMessage(queue, { MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'd2' }, 'me');

    // Act
    await project.restart();
    const restored = sqsOf(project).queueByName('jobs.fifo');
    const again = sqsOf(project).sendMessage(
      restored,
      { MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'd1' },
      'me',
    );

    // Assess
    expect(again.messageId).toBe(first.messageId);
    expect(restored.receive(10).map(({ message }) => message.body)).toEqual(['a', 'b']);
  });

  it('compacts the journal once it is mostly history, without losing live messages', async () => {
    // Prepare: 600 messages sent and all but ten deleted leave over 700 records for ten messages.
    const sqs = sqsOf(project);
    const queue = sqs.createQueue('busy');
    for (let index = 0; index < 600; index += 1) sqs.sendMessage(queue, { MessageBody: `m${index}` }, 'me');
    for (let batch = 0; batch < 59; batch += 1)
      queue.delete(queue.receive(10).map((received) => received.receiptHandle));

    // Act: compaction runs outside the operation that crossed the threshold.
    await new Promise((resolve) => setImmediate(resolve));
    const compacted = await lines(project);
    await project.restart();

    // Assess
    expect(compacted).toBeLessThan(40);
    expect(sqsOf(project).queueByName('busy').stats().visible).toBe(10);
  });
});
