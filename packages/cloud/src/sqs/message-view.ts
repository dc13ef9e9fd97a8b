import { md5OfMessageAttributes } from './message-md5.js';
import { InvalidAttributeNameError } from './sqs-errors.js';
import type { MessageAttributeValue, QueuedMessage, ReceivedMessage } from './sqs-message.js';
import type { SqsQueue } from './sqs-queue.js';

/** System attributes a receive can ask for (`MessageSystemAttributeNames` / `AttributeNames`). */
const SYSTEM_ATTRIBUTES = [
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
  'MessageDeduplicationId',
  'MessageGroupId',
  'SenderId',
  'SentTimestamp',
  'SequenceNumber',
] as const;

/** A message as ReceiveMessage returns it. */
export interface MessageView {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly Attributes?: Record<string, string>;
  readonly MD5OfMessageAttributes?: string;
  readonly MessageAttributes?: Record<string, MessageAttributeValue>;
}

/**
 * Shapes received messages as SQS does: only the system attributes and message attributes asked
 * for (`All`, `.*`, a `prefix.*` or names), with the MD5 of the attributes actually returned.
 */
export function messageViews(
  received: readonly ReceivedMessage[],
  systemNames: readonly string[],
  attributeNames: readonly string[],
): MessageView[] {
  const allSystem = systemNames.includes('All');
  const wanted = new Set(allSystem ? SYSTEM_ATTRIBUTES : systemNames);
  return received.map(({ message, receiptHandle }) => {
    const attributes = systemAttributes(message, wanted);
    const messageAttributes = selectAttributes(message.attributes, attributeNames);
    const md5 = md5OfMessageAttributes(messageAttributes);
    return {
      MessageId: message.id,
      ReceiptHandle: receiptHandle,
      MD5OfBody: message.md5OfBody,
      Body: message.body,
      ...(attributes ? { Attributes: attributes } : {}),
      ...(md5 && messageAttributes
        ? { MD5OfMessageAttributes: md5, MessageAttributes: messageAttributes }
        : {}),
    };
  });
}

function systemAttributes(
  message: QueuedMessage,
  wanted: ReadonlySet<string>,
): Record<string, string> | undefined {
  if (wanted.size === 0) return undefined;
  const values: Record<string, string | undefined> = {
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveAt ?? message.sentAt),
    AWSTraceHeader: message.traceHeader,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
    MessageDeduplicationId: message.deduplicationId,
    MessageGroupId: message.groupId,
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    SequenceNumber: message.sequenceNumber,
  };
  const out: Record<string, string> = {};
  for (const name of wanted) {
    const value = values[name];
    if (value !== undefined) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function selectAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
  names: readonly string[],
): Record<string, MessageAttributeValue> | undefined {
  if (!attributes || names.length === 0) return undefined;
  const all = names.includes('All') || names.includes('.*');
  const prefixes = names.filter((name) => name.endsWith('.*')).map((name) => name.slice(0, -1));
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (all || names.includes(name) || prefixes.some((prefix) => name.startsWith(prefix))) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Attributes GetQueueAttributes knows besides the configured ones. */
const COMPUTED = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

const CONFIGURABLE = new Set([
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'Policy',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'VisibilityTimeout',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** GetQueueAttributes: the names asked for (or `All`); none asked, none returned (as SQS). */
export function queueAttributes(
  queue: SqsQueue,
  names: readonly string[],
): Record<string, string> | undefined {
  for (const name of names)
    if (name !== 'All' && !CONFIGURABLE.has(name) && !(COMPUTED as readonly string[]).includes(name))
      throw new InvalidAttributeNameError(name);
  if (names.length === 0) return undefined;
  const stats = queue.stats();
  const all: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(stats.visible),
    ApproximateNumberOfMessagesNotVisible: String(stats.inFlight),
    ApproximateNumberOfMessagesDelayed: String(stats.delayed),
    CreatedTimestamp: String(queue.created),
    LastModifiedTimestamp: String(queue.modified),
    ...queue.attributes,
  };
  if (names.includes('All')) return all;
  const out: Record<string, string> = {};
  for (const name of names) if (all[name] !== undefined) out[name] = all[name];
  return Object.keys(out).length > 0 ? out : undefined;
}
