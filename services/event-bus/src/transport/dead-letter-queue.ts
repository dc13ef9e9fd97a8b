import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { awsClientConfig, invoke } from '@motorcade/lambda';
import type { UnloggedMessage, UnloggedRedrivePorts } from '../domain/unlogged-redrive.js';

const client = new SQSClient(awsClientConfig({ requestTimeoutMs: 5_000 }));

/**
 * The redrive's ports on AWS: SendEvent's dead-letter queue through SQS, and SendEvent itself
 * through a synchronous invoke (a function error rejects).
 * @example
 * await redriveUnlogged(deadLetterPorts(queueUrl, sendEventArn), options);
 */
export function deadLetterPorts(queueUrl: string, sendEventArn: string): UnloggedRedrivePorts {
  return {
    async receive() {
      const { Messages } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 60,
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
      );
      return (Messages ?? []).map(
        (message): UnloggedMessage => ({
          receiptHandle: message.ReceiptHandle ?? '',
          body: message.Body ?? '',
          sentAt: Number(message.Attributes?.SentTimestamp ?? 0),
        }),
      );
    },
    async resend(body) {
      await invoke(sendEventArn, JSON.parse(body));
    },
    async remove(message) {
      await client.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receiptHandle }),
      );
    },
    async release(message) {
      await client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.receiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    },
  };
}
