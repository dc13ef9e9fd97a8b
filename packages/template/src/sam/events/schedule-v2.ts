import { isTemplateObject } from '../../template-shape.js';
import type { TemplateObject, TemplateValue } from '../../types.js';
import { rejectUnknownProperties } from '../property-checks.js';
import type { EventSourceInput } from './event-source.js';

const SUPPORTED = new Set([
  'ScheduleExpression',
  'ScheduleExpressionTimezone',
  'FlexibleTimeWindow',
  'Name',
  'OmitName',
  'State',
  'Description',
  'StartDate',
  'EndDate',
  'GroupName',
  'KmsKeyArn',
  'Input',
  'RoleArn',
  'RetryPolicy',
  'DeadLetterConfig',
  'PermissionsBoundary',
]);

/** Copied unchanged onto the schedule, in SAM's order. */
const PASSED_THROUGH = [
  'Description',
  'FlexibleTimeWindow',
  'StartDate',
  'EndDate',
  'ScheduleExpressionTimezone',
  'GroupName',
  'KmsKeyArn',
] as const;

const SCHEDULER_ASSUME_ROLE: TemplateObject = {
  Version: '2012-10-17',
  Statement: [
    { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['scheduler.amazonaws.com'] } },
  ],
};

/**
 * `Type: ScheduleV2` → an `AWS::Scheduler::Schedule` named `<FunctionId><EventName>` (SAM names the
 * schedule after its logical id unless `OmitName`), and, unless `RoleArn` is given, the execution role
 * `<FunctionId><EventName>Role` that lets EventBridge Scheduler invoke the function. A
 * `DeadLetterConfig` of `Type: SQS` also creates the queue, as SAM does.
 */
export function translateScheduleV2Event({ eventName, properties, path, build }: EventSourceInput): void {
  rejectUnknownProperties(properties, SUPPORTED, build, path, 'ScheduleV2 event');
  if (properties.ScheduleExpression === undefined) {
    build.fail(
      'INVALID_PROPERTY',
      'a ScheduleV2 event needs a ScheduleExpression',
      `${path}.ScheduleExpression`,
    );
  }
  const id = `${build.functionId}${eventName}`;
  const schedule: TemplateObject = { ScheduleExpression: properties.ScheduleExpression ?? null };
  if (properties.State !== undefined) schedule.State = properties.State;
  if (properties.OmitName === true) {
    if (properties.Name !== undefined)
      build.fail('INVALID_PROPERTY', 'Name cannot be set when OmitName is True', `${path}.Name`);
  } else {
    schedule.Name = properties.Name ?? id;
  }
  for (const key of PASSED_THROUGH) {
    if (key === 'FlexibleTimeWindow') schedule[key] = properties[key] ?? { Mode: 'OFF' };
    else if (properties[key] !== undefined) schedule[key] = properties[key];
  }
  build.addResource(id, 'AWS::Scheduler::Schedule', schedule);

  const deadLetterArn =
    properties.DeadLetterConfig === undefined ? undefined : deadLetterQueue(id, properties, path, build);
  const roleArn = properties.RoleArn ?? addSchedulerRole(id, properties, deadLetterArn, build);
  const target: TemplateObject = { Arn: build.functionArn, RoleArn: roleArn };
  if (properties.Input !== undefined) target.Input = properties.Input;
  if (deadLetterArn !== undefined) target.DeadLetterConfig = { Arn: deadLetterArn };
  if (properties.RetryPolicy !== undefined) target.RetryPolicy = properties.RetryPolicy;
  schedule.Target = target;
}

function addSchedulerRole(
  id: string,
  properties: TemplateObject,
  deadLetterArn: TemplateValue | undefined,
  build: EventSourceInput['build'],
): TemplateValue {
  const policies: TemplateValue[] = [
    {
      PolicyName: `${id}LambdaPolicy`,
      PolicyDocument: {
        Statement: [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: build.functionArn }],
      },
    },
  ];
  if (deadLetterArn !== undefined) {
    policies.push({
      PolicyName: `${id}SQSPolicy`,
      PolicyDocument: {
        Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: deadLetterArn }],
      },
    });
  }
  const role: TemplateObject = { AssumeRolePolicyDocument: SCHEDULER_ASSUME_ROLE, Policies: policies };
  if (properties.PermissionsBoundary !== undefined) role.PermissionsBoundary = properties.PermissionsBoundary;
  build.addResource(`${id}Role`, 'AWS::IAM::Role', role);
  return { 'Fn::GetAtt': [`${id}Role`, 'Arn'] };
}

/** The dead-letter queue's ARN: the given `Arn`, or a queue SAM creates for `Type: SQS`. */
function deadLetterQueue(
  id: string,
  properties: TemplateObject,
  path: string,
  build: EventSourceInput['build'],
): TemplateValue {
  const config = properties.DeadLetterConfig;
  const where = `${path}.DeadLetterConfig`;
  if (!isTemplateObject(config)) return build.fail('INVALID_PROPERTY', 'must be a mapping', where);
  rejectUnknownProperties(
    config,
    new Set(['Arn', 'Type', 'QueueLogicalId']),
    build,
    where,
    'DeadLetterConfig',
  );
  if (config.Arn !== undefined && config.Type !== undefined) {
    build.fail(
      'INVALID_PROPERTY',
      'you can either define Arn or Type in the DeadLetterConfig, not both',
      where,
    );
  }
  if (config.Arn !== undefined) return config.Arn;
  if (config.Type !== 'SQS') {
    return build.fail('INVALID_PROPERTY', "no 'Arn' or 'Type' property provided for DeadLetterConfig", where);
  }
  if (config.QueueLogicalId !== undefined && typeof config.QueueLogicalId !== 'string') {
    build.fail('INVALID_PROPERTY', 'QueueLogicalId must be a string', `${where}.QueueLogicalId`);
  }
  const queueId = typeof config.QueueLogicalId === 'string' ? config.QueueLogicalId : `${id}Queue`;
  build.addResource(queueId, 'AWS::SQS::Queue', {});
  return { 'Fn::GetAtt': [queueId, 'Arn'] };
}
