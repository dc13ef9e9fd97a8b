import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig } from '@motorcade/lambda';
import { DeliveryFailure } from '../domain/errors.js';
import { queueAddress } from '../domain/listener-target.js';
import { describeAwsError, isAwsError } from './aws-error.js';

const client = new SQSClient(awsClientConfig({ requestTimeoutMs: 2_000, maxAttempts: 2 }));

// Queue URLs by ARN, kept for the life of the execution environment: one GetQueueUrl per queue.
const urls = new Map<string, string>();

const QUEUE_GONE = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']);
const PERMANENT = new Set(['InvalidMessageContents']);

/**
 * Delivers an envelope to an sqs listener with SendMessage. The queue's URL comes from GetQueueUrl
 * (name and owner from the ARN) and is cached; a queue that disappeared drops its cached URL, so
 * a recreated queue is found again on the next attempt.
 * @example
 * await sendToQueue('arn:aws:sqs:eu-west-1:123456789012:orders', envelope);
 */
export async function sendToQueue(queueArn: string, envelope: string): Promise<void> {
  try {
    const url = await queueUrl(queueArn);
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: envelope }));
  } catch (error) {
    if (isAwsError(error) && QUEUE_GONE.has(error.name)) urls.delete(queueArn);
    throw new DeliveryFailure(`SendMessage to ${queueArn}: ${describeAwsError(error)}`, {
      permanent: isAwsError(error) && PERMANENT.has(error.name),
      cause: error,
    });
  }
}

async function queueUrl(queueArn: string): Promise<string> {
  const cached = urls.get(queueArn);
  if (cached) return cached;
  const address = queueAddress(queueArn);
  if (!address) throw new DeliveryFailure(`${queueArn} is not an SQS queue ARN`, { permanent: true });
  const { QueueUrl } = await client.send(
    new GetQueueUrlCommand({ QueueName: address.queueName, QueueOwnerAWSAccountId: address.accountId }),
  );
  if (!QueueUrl) throw new DeliveryFailure(`GetQueueUrl returned no URL for ${queueArn}`);
  urls.set(queueArn, QueueUrl);
  return QueueUrl;
}
