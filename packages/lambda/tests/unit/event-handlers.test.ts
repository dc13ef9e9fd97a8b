import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true';
});

import {
  correlationId,
  createEvent,
  type EventEnvelope,
  iotRule,
  listener,
  schedule,
  sqsBatch,
} from '../../src/index.js';
import { lambdaContext } from '../support/lambda-context.js';
import { quietConsole } from '../support/quiet-powertools.js';

const record = (messageId: string, body: string, queue = 'positions'): SQSRecord => ({
  messageId,
  receiptHandle: `rh-${messageId}`,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1',
    SenderId: 's',
    ApproximateFirstReceiveTimestamp: '1',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:eu-west-1:123456789012:${queue}`,
  awsRegion: 'eu-west-1',
});
const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

const envelope = (type: string, detail: unknown, correlation = 'corr-1'): EventEnvelope => ({
  id: `evt-${type}`,
  type,
  source: 'allocation',
  time: '2026-01-01T00:00:00.000Z',
  detail,
  correlationId: correlation,
});

describe('sqsBatch', () => {
  beforeEach(() => quietConsole());
  afterEach(() => vi.restoreAllMocks());

  it('reports only the records that failed: bad JSON, invalid body, or a handler error', async () => {
    // Prepare
    const saved: string[] = [];
    const handler = sqsBatch({
      action: 'recordPosition',
      body: z.object({ deviceId: z.string(), lat: z.number() }),
      handler: async (position) => {
        if (position.deviceId === 'd-broken') throw new Error('store down');
        saved.push(position.deviceId);
      },
    });
    const event = sqsEvent(
      record('1', '{"deviceId":"d1","lat":1}'),
      record('2', 'not json'),
      record('3', '{"deviceId":"d3"}'),
      record('4', '{"deviceId":"d-broken","lat":4}'),
      record('5', '{"deviceId":"d5","lat":5}'),
    );

    // Act
    const result = await handler(event, lambdaContext());

    // Assess
    expect(saved).toEqual(['d1', 'd5']);
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: '2' }, { itemIdentifier: '3' }, { itemIdentifier: '4' }],
    });
  });

  it('reports every record instead of failing the whole batch when all fail', async () => {
    const handler = sqsBatch({
      action: 'recordPosition',
      body: z.object({ a: z.string() }),
      handler: async () => {},
    });

    const result = await handler(sqsEvent(record('1', '{}'), record('2', '{}')), lambdaContext());

    expect(result.batchItemFailures).toHaveLength(2);
  });

  it('stops a FIFO batch at the first failure, keeping the group’s order', async () => {
    const seen: number[] = [];
    const handler = sqsBatch({
      action: 'applyUpdate',
      body: z.object({ n: z.number() }),
      handler: async ({ n }) => {
        if (n === 2) throw new Error('conflict');
        seen.push(n);
      },
    });
    const fifo = (id: string, n: number) => record(id, JSON.stringify({ n }), 'updates.fifo');

    const result = await handler(sqsEvent(fifo('1', 1), fifo('2', 2), fifo('3', 3)), lambdaContext());

    expect(seen).toEqual([1]);
    expect(result.batchItemFailures.map((item) => item.itemIdentifier)).toEqual(['2', '3']);
  });
});

describe('listener', () => {
  beforeEach(() => quietConsole());
  afterEach(() => vi.restoreAllMocks());

  const handled: Array<{ id: string; correlation: string | undefined; posted: EventEnvelope }> = [];
  const onAccepted = listener({
    action: 'allocateOnAccept',
    types: ['allocationAccepted'],
    detail: z.object({ allocationId: z.string() }),
    handler: async (event) => {
      if (event.detail.allocationId === 'boom') throw new Error('cannot allocate');
      handled.push({
        id: event.detail.allocationId,
        correlation: correlationId(),
        posted: createEvent('itemAllocated', {}),
      });
    },
  });

  it('handles one event by invoke, carrying its correlation id to the events it posts', async () => {
    // Act
    await onAccepted(envelope('allocationAccepted', { allocationId: 'a1' }, 'corr-9'), lambdaContext());

    // Assess
    const last = handled.at(-1);
    expect(last).toMatchObject({ id: 'a1', correlation: 'corr-9' });
    expect(last?.posted).toMatchObject({ correlationId: 'corr-9', causationId: 'evt-allocationAccepted' });
  });

  it('throws for an invalid event by invoke, naming the field, so it is retried and dead-lettered', async () => {
    await expect(
      onAccepted(envelope('allocationAccepted', { allocationId: 7 }), lambdaContext()),
    ).rejects.toThrow(/event\.detail\.allocationId/);
  });

  it('skips event types it does not listen to', async () => {
    const before = handled.length;

    await onAccepted(envelope('allocationRejected', { allocationId: 'a2' }), lambdaContext());

    expect(handled).toHaveLength(before);
  });

  it('handles a batch from an SQS queue with partial failures', async () => {
    const event = sqsEvent(
      record('m1', JSON.stringify(envelope('allocationAccepted', { allocationId: 'a3' }))),
      record('m2', JSON.stringify(envelope('allocationAccepted', { allocationId: 'boom' }))),
    );

    const result = await onAccepted(event, lambdaContext());

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(handled.at(-1)?.id).toBe('a3');
  });
});

describe('schedule and iotRule', () => {
  beforeEach(() => quietConsole());
  afterEach(() => vi.restoreAllMocks());

  it('passes a scheduled event to the handler and fails loudly when it throws', async () => {
    const times: string[] = [];
    const tick = schedule({
      action: 'expireAllocations',
      handler: async (event) => {
        if (event.time === 'bad') throw new Error('db down');
        times.push(event.time);
      },
    });
    const scheduled = {
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-01-01T00:00:00Z',
    };

    await tick(scheduled, lambdaContext());

    expect(times).toEqual(['2026-01-01T00:00:00Z']);
    await expect(tick({ ...scheduled, time: 'bad' }, lambdaContext())).rejects.toThrow('db down');
  });

  it('drops a device message that does not match the schema instead of retrying it', async () => {
    const seen: unknown[] = [];
    const positions = iotRule({
      action: 'recordPosition',
      payload: z.object({ deviceId: z.string(), lat: z.number() }),
      handler: async (payload) => {
        seen.push(payload);
      },
    });

    await expect(positions({ deviceId: 'd1' }, lambdaContext() as Context)).resolves.toBeUndefined();
    await positions({ deviceId: 'd1', lat: 2 }, lambdaContext());

    expect(seen).toEqual([{ deviceId: 'd1', lat: 2 }]);
  });
});
