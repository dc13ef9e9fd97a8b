import {
  InvalidAttributeNameError,
  InvalidAttributeValueError,
  InvalidParameterValueError,
} from './sqs-errors.js';

/** A queue's dead-letter settings (`RedrivePolicy`). */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** The configured attributes of a queue, parsed once when they are set. */
export interface QueueSettings {
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionSeconds: number;
  readonly delaySeconds: number;
  readonly receiveWaitSeconds: number;
  readonly maximumMessageSize: number;
  readonly redrivePolicy?: RedrivePolicy;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** `messageGroup` scopes deduplication ids to their group (high-throughput FIFO). */
  readonly deduplicationScope: 'queue' | 'messageGroup';
}

/** SQS's largest message (body plus attributes): 1 MiB. */
export const MAX_MESSAGE_SIZE = 1_048_576;

const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, MAX_MESSAGE_SIZE],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

const FREE_TEXT = new Set(['Policy', 'KmsMasterKeyId', 'RedriveAllowPolicy']);
const BOOLEANS = new Set(['SqsManagedSseEnabled', 'ContentBasedDeduplication', 'FifoQueue']);
/** Attributes an empty string removes (SetQueueAttributes with `RedrivePolicy: ''`). */
const REMOVABLE = new Set([
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
]);
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
const CHOICES: Readonly<Record<string, readonly string[]>> = {
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};

/** The attributes SQS gives a new queue when none are set. */
export function defaultAttributes(fifo: boolean): Record<string, string> {
  return {
    DelaySeconds: '0',
    MaximumMessageSize: String(MAX_MESSAGE_SIZE),
    MessageRetentionPeriod: '345600',
    ReceiveMessageWaitTimeSeconds: '0',
    VisibilityTimeout: '30',
    SqsManagedSseEnabled: 'true',
    ...(fifo
      ? {
          FifoQueue: 'true',
          ContentBasedDeduplication: 'false',
          DeduplicationScope: 'queue',
          FifoThroughputLimit: 'perQueue',
        }
      : {}),
  };
}

/**
 * Checks settable attributes as SQS does and returns them normalised (RedrivePolicy as SQS
 * returns it). Unknown names are `InvalidAttributeName`, bad values `InvalidAttributeValue`.
 */
export function validateAttributes(
  input: Readonly<Record<string, string>>,
  fifo: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (FIFO_ONLY.has(name) && !fifo) throw new InvalidAttributeNameError(name);
    if (value === '' && REMOVABLE.has(name)) {
      out[name] = '';
      continue;
    }
    const range = RANGES[name];
    if (range) {
      const number = Number(value);
      if (value.trim() === '' || !Number.isInteger(number) || number < range[0] || number > range[1])
        throw new InvalidAttributeValueError(name, `Must be an integer from ${range[0]} to ${range[1]}.`);
      out[name] = String(number);
    } else if (BOOLEANS.has(name)) {
      if (value !== 'true' && value !== 'false')
        throw new InvalidAttributeValueError(name, 'Must be true or false.');
      out[name] = value;
    } else if (CHOICES[name]) {
      if (!CHOICES[name].includes(value))
        throw new InvalidAttributeValueError(name, `Must be one of ${CHOICES[name].join(', ')}.`);
      out[name] = value;
    } else if (name === 'RedrivePolicy') {
      out[name] = JSON.stringify(parseRedrivePolicy(value));
    } else if (FREE_TEXT.has(name)) {
      out[name] = value;
    } else {
      throw new InvalidAttributeNameError(name);
    }
  }
  if (out.FifoQueue === 'false' && fifo)
    throw new InvalidAttributeValueError('FifoQueue', 'Must be true for a .fifo queue.');
  return out;
}

/** Parses SQS's `RedrivePolicy` JSON string; `maxReceiveCount` may be a number or a numeric string. */
export function parseRedrivePolicy(value: string): RedrivePolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw InvalidParameterValueError.of('RedrivePolicy', value, 'Redrive policy is not a valid JSON map');
  }
  const policy = (parsed ?? {}) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  if (typeof policy.deadLetterTargetArn !== 'string' || !policy.deadLetterTargetArn.startsWith('arn:'))
    throw InvalidParameterValueError.of('RedrivePolicy', value, 'Invalid value for deadLetterTargetArn');
  const count = Number(policy.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw InvalidParameterValueError.of(
      'RedrivePolicy',
      value,
      'Invalid value for maxReceiveCount: 1000 is the maximum and 1 the minimum',
    );
  return { deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount: count };
}

/** The typed view of a queue's attribute map. */
export function settingsOf(attributes: Readonly<Record<string, string>>): QueueSettings {
  const fifo = attributes.FifoQueue === 'true';
  return {
    visibilityTimeoutSeconds: Number(attributes.VisibilityTimeout),
    messageRetentionSeconds: Number(attributes.MessageRetentionPeriod),
    delaySeconds: Number(attributes.DelaySeconds),
    receiveWaitSeconds: Number(attributes.ReceiveMessageWaitTimeSeconds),
    maximumMessageSize: Number(attributes.MaximumMessageSize),
    ...(attributes.RedrivePolicy ? { redrivePolicy: parseRedrivePolicy(attributes.RedrivePolicy) } : {}),
    fifo,
    contentBasedDeduplication: attributes.ContentBasedDeduplication === 'true',
    deduplicationScope: attributes.DeduplicationScope === 'messageGroup' ? 'messageGroup' : 'queue',
  };
}

/** Queue names: 1–80 of `[A-Za-z0-9_-]`, and FIFO queues end in `.fifo` (which counts). */
export function checkQueueName(name: string, fifo: boolean): void {
  const base = fifo && name.endsWith('.fifo') ? name.slice(0, -5) : name;
  if (name.length > 80 || !/^[A-Za-z0-9_-]+$/.test(base))
    throw new InvalidParameterValueError(
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  if (fifo && !name.endsWith('.fifo'))
    throw new InvalidParameterValueError(
      'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
    );
}
