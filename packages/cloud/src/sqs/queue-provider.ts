import { CloudError } from '../errors.js';
import { generatePhysicalName } from '../stacks/physical-name.js';
import type {
  ExistingResourceRequest,
  ResourceProvider,
  ResourceRequest,
  ResourceState,
  UpdateResourceRequest,
} from '../stacks/resource-provider.js';
import { defaultAttributes } from './queue-attributes.js';
import { SqsError } from './sqs-errors.js';
import type { SqsService } from './sqs-service.js';

/** A queue property of a template that SQS refuses. */
export class QueueConfigError extends CloudError {
  constructor(message: string, cause?: unknown) {
    super('SQS_QUEUE_CONFIG_INVALID', message, { cause });
  }
}

/** CloudFormation properties that are SQS queue attributes of the same name. */
const ATTRIBUTE_PROPERTIES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'RedriveAllowPolicy',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
] as const;

/** The longest queue name SQS allows. */
const MAX_QUEUE_NAME = 80;

/**
 * `AWS::SQS::Queue`: `Ref` is the queue URL, `Fn::GetAtt` gives `Arn`, `QueueName` and
 * `QueueUrl`. Without a QueueName the name is CloudFormation's `<stack>-<LogicalId>-<random>`
 * (with `.fifo` for a FIFO queue). Attribute changes apply in place; a new name replaces the queue.
 */
export function queueProvider(sqs: SqsService): ResourceProvider {
  const create = async (request: ResourceRequest): Promise<ResourceState> => {
    const fifo = isTrue(request.properties.FifoQueue);
    const name =
      typeof request.properties.QueueName === 'string'
        ? request.properties.QueueName
        : fifo
          ? `${generatePhysicalName(request.stack.stackName, request.logicalId, MAX_QUEUE_NAME - 5)}.fifo`
          : generatePhysicalName(request.stack.stackName, request.logicalId, MAX_QUEUE_NAME);
    guard(request, () => sqs.createQueue(name, attributesOf(request), tagsOf(request)));
    return state(sqs, name);
  };
  return {
    properties: new Set([...ATTRIBUTE_PROPERTIES, 'QueueName', 'Tags']),
    create,
    async update(request: UpdateResourceRequest): Promise<ResourceState> {
      const replaced =
        request.properties.QueueName !== request.oldProperties.QueueName ||
        isTrue(request.properties.FifoQueue) !== isTrue(request.oldProperties.FifoQueue);
      if (replaced) return create(request);
      const name = nameOf(request.physicalId);
      const queue = sqs.findQueue(name) ?? guard(request, () => sqs.createQueue(name, attributesOf(request)));
      // Attributes removed from the template go back to SQS's defaults.
      const attributes: Record<string, string> = {
        ...defaultAttributes(queue.settings.fifo),
        RedrivePolicy: '',
        RedriveAllowPolicy: '',
      };
      for (const key of ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds'])
        if (queue.attributes[key] !== undefined) attributes[key] = '';
      guard(request, () => sqs.setQueueAttributes(queue, { ...attributes, ...attributesOf(request) }));
      queue.setTags(tagsOf(request));
      return state(sqs, name);
    },
    async delete(request: ExistingResourceRequest): Promise<void> {
      const queue = sqs.findQueue(nameOf(request.physicalId));
      if (queue) sqs.deleteQueue(queue);
    },
    async restore(request: ExistingResourceRequest, recorded: ResourceState): Promise<ResourceState> {
      // The journal normally brought the queue back; recreate it if the SQS state was removed.
      const name = nameOf(request.physicalId);
      if (!sqs.findQueue(name))
        guard(request, () => sqs.createQueue(name, attributesOf(request), tagsOf(request)));
      return { ...recorded, ...state(sqs, name) };
    },
  };
}

/**
 * `AWS::SQS::QueuePolicy`: sets each queue's `Policy` attribute; like IAM, policies are recorded
 * and not enforced.
 */
export function queuePolicyProvider(sqs: SqsService): ResourceProvider {
  const apply = (request: ResourceRequest, policy: string): void => {
    const queues = Array.isArray(request.properties.Queues) ? request.properties.Queues : [];
    for (const url of queues) {
      const queue = sqs.findQueue(nameOf(String(url)));
      if (queue) queue.setAttributes({ Policy: policy });
    }
  };
  const document = (request: ResourceRequest): string => {
    const value = request.properties.PolicyDocument;
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  return {
    properties: new Set(['PolicyDocument', 'Queues']),
    requiredProperties: new Set(['PolicyDocument', 'Queues']),
    async create(request) {
      apply(request, document(request));
      return { physicalId: generatePhysicalName(request.stack.stackName, request.logicalId), attributes: {} };
    },
    async update(request) {
      apply(request, document(request));
      return { physicalId: request.physicalId, attributes: {} };
    },
    async delete(request) {
      apply(request, '');
    },
  };
}

function state(sqs: SqsService, name: string): ResourceState {
  const url = sqs.queueUrl(name);
  return { physicalId: url, attributes: { Arn: sqs.queueArn(name), QueueName: name, QueueUrl: url } };
}

/** The queue name at the end of a queue URL (the physical id). */
function nameOf(physicalId: string): string {
  return physicalId.slice(physicalId.lastIndexOf('/') + 1);
}

/** The queue attributes a template sets, as the strings SQS takes (policies as JSON). */
function attributesOf(request: ResourceRequest): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const key of ATTRIBUTE_PROPERTIES) {
    const value = request.properties[key];
    if (value === undefined || value === null) continue;
    attributes[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return attributes;
}

function tagsOf(request: ResourceRequest): Record<string, string> {
  const tags = Array.isArray(request.properties.Tags) ? request.properties.Tags : [];
  return Object.fromEntries(
    tags.map((tag) => [String((tag as { Key?: unknown }).Key), String((tag as { Value?: unknown }).Value)]),
  );
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Runs an SQS call, turning SQS's refusal into a deploy error that names the file and resource. */
function guard<T>(request: ResourceRequest, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof SqsError)) throw error;
    throw new QueueConfigError(
      `${request.stack.templateFile}: resource ${request.logicalId} (AWS::SQS::Queue): ${error.message}`,
      error,
    );
  }
}
