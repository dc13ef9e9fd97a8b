import { messageViews, queueAttributes } from './message-view.js';
import { MAX_MESSAGE_SIZE } from './queue-attributes.js';
import type { SqsOperation, SqsRequest } from './sqs-api-schemas.js';
import {
  BatchEntryIdsNotDistinctError,
  BatchRequestTooLongError,
  EmptyBatchRequestError,
  InvalidBatchEntryIdError,
  InvalidParameterValueError,
  QueueDoesNotExistError,
  SqsError,
  TooManyEntriesInBatchRequestError,
} from './sqs-errors.js';
import type { SqsService } from './sqs-service.js';

/** Who sent a request: `SenderId` of the messages it sends. */
export interface CallerContext {
  readonly senderId: string;
}

type Handler<O extends SqsOperation> = (
  sqs: SqsService,
  request: SqsRequest<O>,
  caller: CallerContext,
) => unknown | Promise<unknown>;

/** One entry that failed in a batch call, as SQS reports it. */
interface BatchFailure {
  readonly Id: string;
  readonly SenderFault: boolean;
  readonly Code: string;
  readonly Message: string;
}

/** The handlers of the SQS operations: each takes the parsed request and returns the JSON answer. */
export const sqsOperations: { readonly [O in SqsOperation]: Handler<O> } = {
  CreateQueue: (sqs, r) => ({
    QueueUrl: sqs.queueUrl(sqs.createQueue(r.QueueName, r.Attributes, r.tags).name),
  }),
  GetQueueUrl: (sqs, r) => {
    if (r.QueueOwnerAWSAccountId && r.QueueOwnerAWSAccountId !== sqs.context.accountId)
      throw new QueueDoesNotExistError();
    return { QueueUrl: sqs.queueUrl(sqs.queueByName(r.QueueName).name) };
  },
  DeleteQueue: (sqs, r) => {
    sqs.deleteQueue(sqs.queueByUrl(r.QueueUrl));
    return {};
  },
  ListQueues: (sqs, r) => {
    const max = r.MaxResults;
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000))
      throw InvalidParameterValueError.of('MaxResults', max, 'Must be between 1 and 1000, if provided');
    const names = sqs.listQueues(r.QueueNamePrefix).map((queue) => queue.name);
    const start = r.NextToken ? Number(Buffer.from(r.NextToken, 'base64url').toString()) || 0 : 0;
    const page = max === undefined ? names.slice(0, 1000) : names.slice(start, start + max);
    const next = max !== undefined && start + max < names.length ? start + max : undefined;
    return {
      ...(page.length > 0 ? { QueueUrls: page.map((name) => sqs.queueUrl(name)) } : {}),
      ...(next === undefined ? {} : { NextToken: Buffer.from(String(next)).toString('base64url') }),
    };
  },
  SendMessage: (sqs, r, caller) => {
    const result = sqs.sendMessage(sqs.queueByUrl(r.QueueUrl), r, caller.senderId);
    return {
      MessageId: result.messageId,
      MD5OfMessageBody: result.md5OfBody,
      ...(result.md5OfAttributes ? { MD5OfMessageAttributes: result.md5OfAttributes } : {}),
      ...(result.sequenceNumber ? { SequenceNumber: result.sequenceNumber } : {}),
    };
  },
  SendMessageBatch: (sqs, r, caller) => {
    const queue = sqs.queueByUrl(r.QueueUrl);
    checkBatch(r.Entries, 'SendMessageBatchRequestEntry');
    const size = r.Entries.reduce((total, entry) => total + Buffer.byteLength(entry.MessageBody ?? ''), 0);
    if (size > MAX_MESSAGE_SIZE) throw new BatchRequestTooLongError(MAX_MESSAGE_SIZE, size);
    return batch(r.Entries, (entry) => {
      const result = sqs.sendMessage(queue, entry, caller.senderId);
      return {
        Id: entry.Id,
        MessageId: result.messageId,
        MD5OfMessageBody: result.md5OfBody,
        ...(result.md5OfAttributes ? { MD5OfMessageAttributes: result.md5OfAttributes } : {}),
        ...(result.sequenceNumber ? { SequenceNumber: result.sequenceNumber } : {}),
      };
    });
  },
  ReceiveMessage: async (sqs, r) => {
    const queue = sqs.queueByUrl(r.QueueUrl);
    const max = r.MaxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10)
      throw InvalidParameterValueError.of(
        'MaxNumberOfMessages',
        max,
        'Must be between 1 and 10, if provided',
      );
    const wait = r.WaitTimeSeconds ?? queue.settings.receiveWaitSeconds;
    if (!Number.isInteger(wait) || wait < 0 || wait > 20)
      throw InvalidParameterValueError.of('WaitTimeSeconds', wait, 'Must be >= 0 and <= 20, if provided');
    const visibility = r.VisibilityTimeout;
    if (visibility !== undefined && (!Number.isInteger(visibility) || visibility < 0 || visibility > 43_200))
      throw InvalidParameterValueError.of(
        'VisibilityTimeout',
        visibility,
        'Must be between 0 and 43200, if provided',
      );
    const received = await sqs.receiveMessage(queue, max, visibility, wait);
    if (received.length === 0) return {};
    const systemNames = [...(r.MessageSystemAttributeNames ?? []), ...(r.AttributeNames ?? [])];
    return { Messages: messageViews(received, systemNames, r.MessageAttributeNames ?? []) };
  },
  DeleteMessage: (sqs, r) => {
    sqs.queueByUrl(r.QueueUrl).delete([r.ReceiptHandle]);
    return {};
  },
  DeleteMessageBatch: (sqs, r) => {
    const queue = sqs.queueByUrl(r.QueueUrl);
    checkBatch(r.Entries, 'DeleteMessageBatchRequestEntry');
    return batch(r.Entries, (entry) => {
      queue.delete([entry.ReceiptHandle]);
      return { Id: entry.Id };
    });
  },
  ChangeMessageVisibility: (sqs, r) => {
    sqs.queueByUrl(r.QueueUrl).changeVisibility(r.ReceiptHandle, r.VisibilityTimeout);
    return {};
  },
  ChangeMessageVisibilityBatch: (sqs, r) => {
    const queue = sqs.queueByUrl(r.QueueUrl);
    checkBatch(r.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
    return batch(r.Entries, (entry) => {
      queue.changeVisibility(entry.ReceiptHandle, entry.VisibilityTimeout ?? 0);
      return { Id: entry.Id };
    });
  },
  GetQueueAttributes: (sqs, r) => {
    const attributes = queueAttributes(sqs.queueByUrl(r.QueueUrl), r.AttributeNames ?? []);
    return attributes ? { Attributes: attributes } : {};
  },
  SetQueueAttributes: (sqs, r) => {
    sqs.setQueueAttributes(sqs.queueByUrl(r.QueueUrl), r.Attributes);
    return {};
  },
  PurgeQueue: (sqs, r) => {
    sqs.queueByUrl(r.QueueUrl).purge();
    return {};
  },
  TagQueue: (sqs, r) => {
    const queue = sqs.queueByUrl(r.QueueUrl);
    queue.setTags({ ...queue.tags, ...r.Tags });
    return {};
  },
  UntagQueue: (sqs, r) => {
    const queue = sqs.queueByUrl(r.QueueUrl);
    const tags = { ...queue.tags };
    for (const key of r.TagKeys) delete tags[key];
    queue.setTags(tags);
    return {};
  },
  ListQueueTags: (sqs, r) => {
    const tags = sqs.queueByUrl(r.QueueUrl).tags;
    return Object.keys(tags).length > 0 ? { Tags: tags } : {};
  },
  ListDeadLetterSourceQueues: (sqs, r) => {
    const target = sqs.queueByUrl(r.QueueUrl);
    const sources = sqs
      .listQueues()
      .filter((queue) => queue.settings.redrivePolicy?.deadLetterTargetArn === target.arn);
    return { queueUrls: sources.map((queue) => sqs.queueUrl(queue.name)) };
  },
};

/** The batch-wide checks SQS makes before looking at any entry. */
function checkBatch(entries: ReadonlyArray<{ readonly Id: string }>, entryType: string): void {
  if (entries.length === 0) throw new EmptyBatchRequestError(entryType);
  if (entries.length > 10) throw new TooManyEntriesInBatchRequestError(entries.length);
  const seen = new Set<string>();
  for (const { Id } of entries) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(Id)) throw new InvalidBatchEntryIdError();
    if (seen.has(Id)) throw new BatchEntryIdsNotDistinctError(Id);
    seen.add(Id);
  }
}

/** Runs each entry; an SQS error fails only its entry (`Failed`), as SQS reports it. */
function batch<E extends { readonly Id: string }>(
  entries: readonly E[],
  run: (entry: E) => Record<string, unknown>,
): { Successful: Record<string, unknown>[]; Failed: BatchFailure[] } {
  const Successful: Record<string, unknown>[] = [];
  const Failed: BatchFailure[] = [];
  for (const entry of entries) {
    try {
      Successful.push(run(entry));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: true, Code: error.queryCode, Message: error.message });
    }
  }
  return { Successful, Failed };
}
