import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig, postEvent } from '@motorcade/lambda';
import type { EventPublisher, PositionFeedSender } from '../domain/ports.js';
import { positionFeedQueueUrl } from './settings.js';

// The endpoint is AWS_ENDPOINT_URL (the local cloud's edge when it runs the function).
const sqs = new SQSClient(awsClientConfig({ requestTimeoutMs: 2_000 }));

/** SendMessageBatch takes at most 10 entries. */
const SQS_BATCH = 10;

/**
 * Events to the bus through `postEvent` (async invokes of its SendEvent), in parallel.
 * @example
 * await busPublisher.publish([{ type: 'vehicleMoving', detail }]);
 */
export const busPublisher: EventPublisher = {
  publish: async (events) => {
    await Promise.all(events.map((event) => postEvent(event.type, event.detail)));
  },
};

/**
 * The `PositionFeed` queue: one message per organisation, sent in batches of ten. A failed entry
 * fails the call, so the request is retried rather than the feed silently missing positions.
 * @example
 * await queueFeed.send([{ orgId, positions }]);
 */
export const queueFeed: PositionFeedSender = {
  send: async (messages) => {
    const url = positionFeedQueueUrl();
    for (let start = 0; start < messages.length; start += SQS_BATCH) {
      const chunk = messages.slice(start, start + SQS_BATCH);
      const result = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: chunk.map((message, index) => ({
            Id: String(index),
            MessageBody: JSON.stringify(message),
          })),
        }),
      );
      const failed = result.Failed ?? [];
      if (failed.length > 0)
        throw new Error(
          `PositionFeed refused ${failed.length} message(s): ${failed.map((entry) => entry.Message ?? entry.Code).join('; ')}`,
        );
    }
  },
};
