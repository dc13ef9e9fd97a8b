import type { TemplateObject } from '../../types.js';
import { awsManagedPolicyArn } from '../function-build.js';
import { rejectUnknownProperties } from '../property-checks.js';
import type { EventSourceInput } from './event-source.js';

const SUPPORTED = new Set([
  'Queue',
  'BatchSize',
  'Enabled',
  'FilterCriteria',
  'FunctionResponseTypes',
  'MaximumBatchingWindowInSeconds',
  'ScalingConfig',
  'KmsKeyArn',
  'MetricsConfig',
]);

/** Properties copied unchanged onto the event source mapping. */
const COPIED = [
  'BatchSize',
  'Enabled',
  'FilterCriteria',
  'FunctionResponseTypes',
  'MaximumBatchingWindowInSeconds',
  'ScalingConfig',
  'KmsKeyArn',
  'MetricsConfig',
] as const;

/**
 * `Type: SQS` → an `AWS::Lambda::EventSourceMapping` named `<FunctionId><EventName>` reading `Queue`,
 * and the `AWSLambdaSQSQueueExecutionRole` managed policy on the generated role, as SAM does.
 */
export function translateSqsEvent({ eventName, properties, path, build }: EventSourceInput): void {
  rejectUnknownProperties(properties, SUPPORTED, build, path, 'SQS event');
  if (properties.Queue === undefined)
    build.fail('INVALID_PROPERTY', 'an SQS event needs a Queue (its ARN)', `${path}.Queue`);
  const mapping: TemplateObject = {
    EventSourceArn: properties.Queue ?? null,
    FunctionName: build.functionRef,
  };
  for (const key of COPIED) if (properties[key] !== undefined) mapping[key] = properties[key];
  build.addResource(`${build.functionId}${eventName}`, 'AWS::Lambda::EventSourceMapping', mapping);
  build.addManagedPolicy(awsManagedPolicyArn('service-role/AWSLambdaSQSQueueExecutionRole'));
}
