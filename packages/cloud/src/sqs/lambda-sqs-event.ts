import type { ReceivedMessage } from './sqs-message.js';

/** A message attribute as Lambda's SQS event carries it (camelCase, with the empty list fields). */
export interface SqsRecordAttributeValue {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: string;
  readonly stringListValues: readonly string[];
  readonly binaryListValues: readonly string[];
}

/** One record of the event Lambda passes to a function mapped to a queue. */
export interface SqsEventRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SqsRecordAttributeValue>>;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/** The `{ Records }` event of Lambda's SQS event source, field for field. */
export function sqsEvent(
  batch: readonly ReceivedMessage[],
  queueArn: string,
  region: string,
): { Records: SqsEventRecord[] } {
  return { Records: batch.map((received) => sqsEventRecord(received, queueArn, region)) };
}

function sqsEventRecord(
  { message, receiptHandle }: ReceivedMessage,
  queueArn: string,
  region: string,
): SqsEventRecord {
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: String(message.receiveCount),
    ...(message.traceHeader ? { AWSTraceHeader: message.traceHeader } : {}),
    SentTimestamp: String(message.sentAt),
    ...(message.sequenceNumber ? { SequenceNumber: message.sequenceNumber } : {}),
    ...(message.groupId ? { MessageGroupId: message.groupId } : {}),
    SenderId: message.senderId,
    ...(message.deduplicationId ? { MessageDeduplicationId: message.deduplicationId } : {}),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveAt ?? message.sentAt),
    ...(message.deadLetterSourceArn ? { DeadLetterQueueSourceArn: message.deadLetterSourceArn } : {}),
  };
  const messageAttributes: Record<string, SqsRecordAttributeValue> = {};
  for (const [name, value] of Object.entries(message.attributes ?? {})) {
    messageAttributes[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  return {
    messageId: message.id,
    receiptHandle,
    body: message.body,
    attributes,
    messageAttributes,
    md5OfBody: message.md5OfBody,
    ...(message.md5OfAttributes ? { md5OfMessageAttributes: message.md5OfAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
