import { randomUUID } from 'node:crypto';
import { CloudError } from '../errors.js';
import type {
  ExistingResourceRequest,
  ResourceProvider,
  ResourceRequest,
  ResourceState,
} from '../stacks/resource-provider.js';
import type { EventSourceMappingConfig } from './sqs-event-poller.js';
import type { SqsService } from './sqs-service.js';

/** An event source mapping the local cloud cannot run as written. */
export class EventSourceMappingError extends CloudError {
  constructor(message: string) {
    super('EVENT_SOURCE_MAPPING_INVALID', message);
  }
}

const PROPERTIES = [
  'BatchSize',
  'Enabled',
  'EventSourceArn',
  'FunctionName',
  'FunctionResponseTypes',
  'KmsKeyArn',
  'MaximumBatchingWindowInSeconds',
  'MetricsConfig',
  'ScalingConfig',
  'Tags',
] as const;

/**
 * `AWS::Lambda::EventSourceMapping` from an SQS queue (what SAM's `Events: Type: SQS` becomes):
 * registers a poller with the SQS service. `Ref` is the mapping's UUID; `Fn::GetAtt` gives `Id`
 * and `EventSourceMappingArn`. Only queues of this account are emulated as sources.
 */
export function eventSourceMappingProvider(sqs: SqsService): ResourceProvider {
  const apply = (request: ResourceRequest, uuid: string): ResourceState => {
    const config = mappingConfig(sqs, request, uuid);
    sqs.addEventSourceMapping(config);
    return { physicalId: uuid, attributes: { Id: uuid, EventSourceMappingArn: config.arn } };
  };
  return {
    properties: new Set(PROPERTIES),
    requiredProperties: new Set(['FunctionName', 'EventSourceArn']),
    create: async (request) => apply(request, randomUUID()),
    update: async (request) => apply(request, request.physicalId),
    delete: async (request: ExistingResourceRequest) => sqs.removeEventSourceMapping(request.physicalId),
    restore: async (request, state) => {
      apply(request, request.physicalId);
      return state;
    },
  };
}

function mappingConfig(sqs: SqsService, request: ResourceRequest, uuid: string): EventSourceMappingConfig {
  const p = request.properties;
  const fail = (property: string, message: string): never => {
    throw new EventSourceMappingError(
      `${request.stack.templateFile}: resource ${request.logicalId}, property ${property}: ${message}`,
    );
  };
  const sourceArn = String(p.EventSourceArn);
  if (!sourceArn.startsWith('arn:aws:sqs:'))
    fail('EventSourceArn', `${sourceArn} is not an SQS queue; only SQS event sources are emulated`);
  if (!sqs.owns(sourceArn))
    fail(
      'EventSourceArn',
      `${sourceArn} is not a queue of account ${sqs.context.accountId} in ${sqs.context.region}`,
    );
  const queue = sqs.findQueue(sourceArn.slice(sourceArn.lastIndexOf(':') + 1));
  if (!queue) fail('EventSourceArn', `queue ${sourceArn} does not exist`);
  const functionName = String(p.FunctionName);
  const fn = sqs.context.lambda.getFunction(functionName);
  if (!fn) fail('FunctionName', `function ${functionName} does not exist`);
  const fifo = queue?.settings.fifo ?? false;
  const batchSize = wholeNumber(p.BatchSize, 10) ?? fail('BatchSize', 'must be a whole number');
  const window =
    wholeNumber(p.MaximumBatchingWindowInSeconds, 0) ??
    fail('MaximumBatchingWindowInSeconds', 'must be a whole number of seconds');
  const maxBatch = fifo ? 10 : 10_000;
  if (batchSize < 1 || batchSize > maxBatch)
    fail('BatchSize', `must be between 1 and ${maxBatch} for this queue`);
  if (window < 0 || window > 300) fail('MaximumBatchingWindowInSeconds', 'must be between 0 and 300');
  if (batchSize > 10 && window < 1)
    fail(
      'BatchSize',
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
  const responseTypes = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes.map(String) : [];
  for (const type of responseTypes)
    if (type !== 'ReportBatchItemFailures') fail('FunctionResponseTypes', `unknown response type ${type}`);
  const scaling = (p.ScalingConfig ?? {}) as { MaximumConcurrency?: unknown };
  const maximumConcurrency =
    scaling.MaximumConcurrency === undefined ? undefined : wholeNumber(scaling.MaximumConcurrency, 0);
  if (maximumConcurrency !== undefined && (maximumConcurrency < 2 || maximumConcurrency > 1000))
    fail('ScalingConfig', 'MaximumConcurrency must be between 2 and 1000');
  return {
    uuid,
    arn: `arn:aws:lambda:${sqs.context.region}:${sqs.context.accountId}:event-source-mapping:${uuid}`,
    eventSourceArn: sourceArn,
    functionName: fn?.arn ?? functionName,
    batchSize,
    maximumBatchingWindowSeconds: window,
    reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    ...(maximumConcurrency === undefined ? {} : { maximumConcurrency }),
    enabled: p.Enabled === undefined || p.Enabled === true || p.Enabled === 'true',
  };
}

/** A whole number from a template value (numbers may arrive as strings), `fallback` when absent. */
function wholeNumber(value: unknown, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  return Number.isInteger(number) ? number : undefined;
}
