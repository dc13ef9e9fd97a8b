/** The kinds of listener the bus delivers to. */
export const LISTENER_TYPES = ['lambda', 'sqs'] as const;

export type ListenerType = (typeof LISTENER_TYPES)[number];

/** Where a listener's events go: a function (async invoke) or a queue (SendMessage). */
export interface ListenerTarget {
  readonly type: ListenerType;
  readonly arn: string;
}

/** The parts of a queue ARN SQS needs to find the queue's URL. */
export interface QueueAddress {
  readonly region: string;
  readonly accountId: string;
  readonly queueName: string;
}

const PARTITION = '(aws|aws-cn|aws-us-gov)';
const REGION = '([a-z]{2}(?:-[a-z]+)+-\\d{1,2})';
const ACCOUNT = '(\\d{12})';
const FUNCTION_ARN = new RegExp(
  `^arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:([A-Za-z0-9_-]{1,64})(?::(?:\\$LATEST|[A-Za-z0-9_-]{1,128}))?$`,
);
const QUEUE_ARN = new RegExp(`^arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:([A-Za-z0-9_-]{1,80}(?:\\.fifo)?)$`);

/** Whether a string is a listener type. */
export function isListenerType(value: string): value is ListenerType {
  return (LISTENER_TYPES as readonly string[]).includes(value);
}

/**
 * Whether `arn` names a Lambda function (optionally qualified by a version or alias).
 * @example
 * isFunctionArn('arn:aws:lambda:eu-west-1:123456789012:function:allocate'); // true
 */
export function isFunctionArn(arn: string): boolean {
  return FUNCTION_ARN.test(arn);
}

/**
 * The region, account and name of an SQS queue ARN, or `undefined` when it is not one.
 * @example
 * queueAddress('arn:aws:sqs:eu-west-1:123456789012:orders'); // { region: 'eu-west-1', accountId: '123456789012', queueName: 'orders' }
 */
export function queueAddress(arn: string): QueueAddress | undefined {
  const match = QUEUE_ARN.exec(arn);
  if (!match) return undefined;
  const [, , region, accountId, queueName] = match as unknown as [string, string, string, string, string];
  return { region, accountId, queueName };
}
