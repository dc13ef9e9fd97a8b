/** A message attribute as the SQS JSON protocol carries it (`BinaryValue` is base64). */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
  readonly StringListValues?: readonly string[];
  readonly BinaryListValues?: readonly string[];
}

/** Where a message is: ready to receive, received and invisible, or not yet delivered (DelaySeconds). */
export type MessageState = 'visible' | 'inflight' | 'delayed';

/** What SQS fixed when it accepted a message; never changes afterwards. */
export interface AcceptedMessage {
  readonly id: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes?: Readonly<Record<string, MessageAttributeValue>>;
  readonly md5OfAttributes?: string;
  /** `AWSTraceHeader`, the only system attribute a sender may set. */
  readonly traceHeader?: string;
  /** Epoch ms. */
  readonly sentAt: number;
  readonly senderId: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly sequenceNumber?: string;
  /** Set on a message moved to a dead-letter queue: the queue it came from. */
  readonly deadLetterSourceArn?: string;
}

/** A message with its delivery state: what the journal records and the queue works on. */
export interface QueuedMessage extends AcceptedMessage {
  state: MessageState;
  /** Epoch ms when a delayed or in-flight message becomes visible. */
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  /** Bumped on every state change; stale timer entries compare it. */
  version: number;
}

/** One message handed out by a receive, with the receipt handle of this receive. */
export interface ReceivedMessage {
  readonly message: QueuedMessage;
  readonly receiptHandle: string;
}

const RECEIPT_PREFIX = 'AQEB';

/**
 * A receipt handle: opaque to users (it starts like AWS's, `AQEB...`), and naming the message and
 * the receive it came from (the receive count), so a handle from an earlier receive can be told apart.
 */
export function receiptHandleOf(message: QueuedMessage): string {
  return RECEIPT_PREFIX + Buffer.from(`${message.id} ${message.receiveCount}`).toString('base64url');
}

/** The message id and receive number of a receipt handle, or undefined if it is not one of ours. */
export function parseReceiptHandle(handle: string): { id: string; receipt: number } | undefined {
  if (!handle.startsWith(RECEIPT_PREFIX)) return undefined;
  const text = Buffer.from(handle.slice(RECEIPT_PREFIX.length), 'base64url').toString('utf8');
  const [id, receipt, extra] = text.split(' ');
  const count = Number(receipt);
  if (!id || extra !== undefined || !Number.isInteger(count)) return undefined;
  return { id, receipt: count };
}
