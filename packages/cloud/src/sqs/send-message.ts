import { createHash, randomUUID } from 'node:crypto';
import { md5OfBody, md5OfMessageAttributes } from './message-md5.js';
import {
  InvalidMessageContentsError,
  InvalidParameterValueError,
  MissingParameterError,
} from './sqs-errors.js';
import type { AcceptedMessage, MessageAttributeValue } from './sqs-message.js';
import type { SqsQueue } from './sqs-queue.js';

/** One message to send, as SendMessage (or a SendMessageBatch entry) carries it. */
export interface SendMessageInput {
  readonly MessageBody?: string | undefined;
  readonly DelaySeconds?: number | undefined;
  readonly MessageAttributes?: Readonly<Record<string, MessageAttributeValue>> | undefined;
  readonly MessageSystemAttributes?: Readonly<Record<string, MessageAttributeValue>> | undefined;
  readonly MessageDeduplicationId?: string | undefined;
  readonly MessageGroupId?: string | undefined;
}

/** A message checked against its queue, ready to be accepted, and the delay it gets. */
export interface PreparedMessage {
  readonly message: AcceptedMessage;
  readonly delaySeconds: number;
  /** Body plus attributes, in bytes (what MaximumMessageSize limits). */
  readonly size: number;
}

/** SQS accepts only these characters (XML 1.0's): #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF. */
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const MAX_ATTRIBUTES = 10;
const NOT_FOR_QUEUE_TYPE = 'The request include parameter that is not valid for this queue type';

/**
 * Checks a message as SQS does before accepting it — body, characters, size, attributes, delay
 * and the FIFO rules (group id required, deduplication id or content-based deduplication) — and
 * builds the accepted message with its MD5s.
 */
export function prepareMessage(queue: SqsQueue, input: SendMessageInput, senderId: string): PreparedMessage {
  const body = input.MessageBody;
  if (body === undefined || body === '') throw new MissingParameterError('MessageBody');
  if (INVALID_CHARACTER.test(body)) throw new InvalidMessageContentsError();
  const settings = queue.settings;
  const attributes = checkAttributes(input.MessageAttributes);
  const traceHeader = checkSystemAttributes(input.MessageSystemAttributes);
  const size = Buffer.byteLength(body, 'utf8') + attributesSize(attributes);
  if (size > settings.maximumMessageSize)
    throw new InvalidParameterValueError(
      `One or more parameters are invalid. Reason: Message must be shorter than ${settings.maximumMessageSize} bytes.`,
    );
  let delaySeconds = settings.delaySeconds;
  if (input.DelaySeconds !== undefined) {
    if (!Number.isInteger(input.DelaySeconds) || input.DelaySeconds < 0 || input.DelaySeconds > 900)
      throw InvalidParameterValueError.of(
        'DelaySeconds',
        input.DelaySeconds,
        'DelaySeconds must be >= 0 and <= 900',
      );
    if (settings.fifo && input.DelaySeconds > 0)
      throw InvalidParameterValueError.of('DelaySeconds', input.DelaySeconds, NOT_FOR_QUEUE_TYPE);
    if (!settings.fifo) delaySeconds = input.DelaySeconds;
  }
  let deduplicationId = input.MessageDeduplicationId;
  if (settings.fifo) {
    if (!input.MessageGroupId) throw new MissingParameterError('MessageGroupId');
    if (deduplicationId === undefined) {
      if (!settings.contentBasedDeduplication)
        throw new InvalidParameterValueError(
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      deduplicationId = createHash('sha256').update(body, 'utf8').digest('hex');
    }
  } else if (deduplicationId !== undefined) {
    throw InvalidParameterValueError.of('MessageDeduplicationId', deduplicationId, NOT_FOR_QUEUE_TYPE);
  }
  const md5OfAttributes = md5OfMessageAttributes(attributes);
  const message: AcceptedMessage = {
    id: randomUUID(),
    body,
    md5OfBody: md5OfBody(body),
    ...(attributes ? { attributes } : {}),
    ...(md5OfAttributes ? { md5OfAttributes } : {}),
    ...(traceHeader ? { traceHeader } : {}),
    sentAt: Date.now(),
    senderId,
    ...(input.MessageGroupId ? { groupId: input.MessageGroupId } : {}),
    ...(settings.fifo && deduplicationId !== undefined ? { deduplicationId } : {}),
  };
  return { message, delaySeconds, size };
}

function checkAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): Readonly<Record<string, MessageAttributeValue>> | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes);
  if (names.length === 0) return undefined;
  if (names.length > MAX_ATTRIBUTES)
    throw new InvalidParameterValueError(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  const out: Record<string, MessageAttributeValue> = {};
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    if (
      !/^[A-Za-z0-9_.-]{1,256}$/.test(name) ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      /^(aws|amazon)\./i.test(name)
    )
      throw new InvalidParameterValueError(`Message attribute name '${name}' is invalid.`);
    const type = value.DataType;
    const base = type?.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary')
      throw new InvalidParameterValueError(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    if (base === 'Binary') {
      if (!value.BinaryValue)
        throw new InvalidParameterValueError(
          `The message attribute '${name}' with type 'Binary' must use field 'Binary'.`,
        );
      out[name] = { DataType: type, BinaryValue: value.BinaryValue };
    } else {
      if (value.StringValue === undefined || value.StringValue === '')
        throw new InvalidParameterValueError(
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
        );
      if (base === 'Number' && !Number.isFinite(Number(value.StringValue)))
        throw new InvalidParameterValueError(
          `Can't cast the value of message (user) attribute '${name}' to a number.`,
        );
      if (INVALID_CHARACTER.test(value.StringValue)) throw new InvalidMessageContentsError();
      out[name] = { DataType: type, StringValue: value.StringValue };
    }
  }
  return out;
}

function checkSystemAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): string | undefined {
  if (!attributes) return undefined;
  for (const name of Object.keys(attributes)) {
    if (name !== 'AWSTraceHeader')
      throw new InvalidParameterValueError(`Message system attribute name '${name}' is invalid.`);
  }
  const trace = attributes.AWSTraceHeader;
  if (!trace) return undefined;
  if (trace.DataType !== 'String' || !trace.StringValue)
    throw new InvalidParameterValueError(
      "The message system attribute 'AWSTraceHeader' must contain non-empty message attribute value for message attribute type 'String'.",
    );
  return trace.StringValue;
}

function attributesSize(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    if (value.StringValue !== undefined) size += Buffer.byteLength(value.StringValue);
    if (value.BinaryValue !== undefined) size += Buffer.from(value.BinaryValue, 'base64').length;
  }
  return size;
}
