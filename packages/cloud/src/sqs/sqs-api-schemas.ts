import { z } from 'zod';

/** A message attribute on the wire (`BinaryValue` is base64 in the JSON protocol). */
const attributeValue = z.object({
  DataType: z.string(),
  StringValue: z.string().optional(),
  BinaryValue: z.string().optional(),
  StringListValues: z.array(z.string()).optional(),
  BinaryListValues: z.array(z.string()).optional(),
});

const attributeMap = z.record(z.string(), attributeValue);
const stringMap = z.record(z.string(), z.string());
const queueUrl = { QueueUrl: z.string() };

const messageFields = {
  MessageBody: z.string().optional(),
  DelaySeconds: z.number().optional(),
  MessageAttributes: attributeMap.optional(),
  MessageSystemAttributes: attributeMap.optional(),
  MessageDeduplicationId: z.string().optional(),
  MessageGroupId: z.string().optional(),
};

/** Request shapes of the SQS JSON protocol (AWS JSON 1.0), one per operation emulated. */
export const sqsRequests = {
  CreateQueue: z.object({
    QueueName: z.string(),
    Attributes: stringMap.optional(),
    tags: stringMap.optional(),
  }),
  GetQueueUrl: z.object({ QueueName: z.string(), QueueOwnerAWSAccountId: z.string().optional() }),
  DeleteQueue: z.object(queueUrl),
  ListQueues: z.object({
    QueueNamePrefix: z.string().optional(),
    NextToken: z.string().optional(),
    MaxResults: z.number().optional(),
  }),
  SendMessage: z.object({ ...queueUrl, ...messageFields }),
  SendMessageBatch: z.object({
    ...queueUrl,
    Entries: z.array(z.object({ Id: z.string(), ...messageFields })),
  }),
  ReceiveMessage: z.object({
    ...queueUrl,
    AttributeNames: z.array(z.string()).optional(),
    MessageSystemAttributeNames: z.array(z.string()).optional(),
    MessageAttributeNames: z.array(z.string()).optional(),
    MaxNumberOfMessages: z.number().optional(),
    VisibilityTimeout: z.number().optional(),
    WaitTimeSeconds: z.number().optional(),
    ReceiveRequestAttemptId: z.string().optional(),
  }),
  DeleteMessage: z.object({ ...queueUrl, ReceiptHandle: z.string() }),
  DeleteMessageBatch: z.object({
    ...queueUrl,
    Entries: z.array(z.object({ Id: z.string(), ReceiptHandle: z.string() })),
  }),
  ChangeMessageVisibility: z.object({
    ...queueUrl,
    ReceiptHandle: z.string(),
    VisibilityTimeout: z.number(),
  }),
  ChangeMessageVisibilityBatch: z.object({
    ...queueUrl,
    Entries: z.array(
      z.object({ Id: z.string(), ReceiptHandle: z.string(), VisibilityTimeout: z.number().optional() }),
    ),
  }),
  GetQueueAttributes: z.object({ ...queueUrl, AttributeNames: z.array(z.string()).optional() }),
  SetQueueAttributes: z.object({ ...queueUrl, Attributes: stringMap }),
  PurgeQueue: z.object(queueUrl),
  TagQueue: z.object({ ...queueUrl, Tags: stringMap }),
  UntagQueue: z.object({ ...queueUrl, TagKeys: z.array(z.string()) }),
  ListQueueTags: z.object(queueUrl),
  ListDeadLetterSourceQueues: z.object({
    ...queueUrl,
    NextToken: z.string().optional(),
    MaxResults: z.number().optional(),
  }),
} as const;

/** An operation of the SQS API the local cloud emulates. */
export type SqsOperation = keyof typeof sqsRequests;

/** The parsed request of operation `O`. */
export type SqsRequest<O extends SqsOperation> = z.infer<(typeof sqsRequests)[O]>;
