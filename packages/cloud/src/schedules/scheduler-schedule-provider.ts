import type { EnvironmentContext } from '../cloud-service.js';
import { generatePhysicalName } from '../stacks/physical-name.js';
import { registeredResource } from '../stacks/providers/registered-resource.js';
import type { ResourceProvider, ResourceRequest } from '../stacks/resource-provider.js';
import {
  checkKeys,
  expressionOf,
  type Fail,
  failFor,
  jsonInput,
  mapping,
  oneOf,
  optionalInteger,
  optionalString,
} from './property-checks.js';
import type { ScheduleDefinition, ScheduleRegistry } from './schedule-definition.js';
import { ScheduleErrorCode } from './schedule-errors.js';
import { isTimezone } from './zoned-time.js';

const TARGET_KEYS = ['Arn', 'RoleArn', 'Input', 'RetryPolicy', 'DeadLetterConfig'];
const TARGET_NOT_EMULATED = [
  'EcsParameters',
  'EventBridgeParameters',
  'KinesisParameters',
  'SageMakerPipelineParameters',
  'SqsParameters',
];

/**
 * `AWS::Scheduler::Schedule` (what SAM's `ScheduleV2` generates): rate, cron and one-time `at`
 * expressions in ScheduleExpressionTimezone, between StartDate and EndDate, within a flexible time
 * window, delivering the target's Input. `Ref` is the schedule name, `Fn::GetAtt Schedule.Arn` its ARN.
 */
export function schedulerScheduleProvider(
  registry: ScheduleRegistry,
  context: EnvironmentContext,
): ResourceProvider {
  return registeredResource({
    properties: [
      'Description',
      'EndDate',
      'FlexibleTimeWindow',
      'GroupName',
      'KmsKeyArn',
      'Name',
      'ScheduleExpression',
      'ScheduleExpressionTimezone',
      'StartDate',
      'State',
      'Target',
    ],
    requiredProperties: ['FlexibleTimeWindow', 'ScheduleExpression', 'Target'],
    nameProperty: 'Name',
    generateName: (request) => generatePhysicalName(request.stack.stackName, request.logicalId, 64),
    register: (request, name) => {
      const definition = scheduleDefinition(request, name, context);
      registry.register(definition);
      return { physicalId: name, attributes: { Arn: definition.arn } };
    },
    unregister: (request) =>
      registry.unregister(request.stack.stackName, request.logicalId, request.physicalId),
  });
}

function scheduleDefinition(
  request: ResourceRequest,
  name: string,
  context: EnvironmentContext,
): ScheduleDefinition {
  const fail = failFor(request);
  const p = request.properties;
  const expression = expressionOf(p.ScheduleExpression, 'scheduler', 'ScheduleExpression', fail);
  const timezone = optionalString(p.ScheduleExpressionTimezone, 'ScheduleExpressionTimezone', fail) ?? 'UTC';
  if (!isTimezone(timezone)) fail('ScheduleExpressionTimezone', `Invalid time zone: ${timezone}`);
  const state = oneOf(p.State, ['ENABLED', 'DISABLED'], 'ENABLED', 'State', fail);
  const group = optionalString(p.GroupName, 'GroupName', fail) ?? 'default';
  optionalString(p.Description, 'Description', fail);
  optionalString(p.KmsKeyArn, 'KmsKeyArn', fail);
  const startDate = dateOf(p.StartDate, 'StartDate', fail);
  const endDate = dateOf(p.EndDate, 'EndDate', fail);
  if (startDate && endDate && endDate <= startDate)
    fail('EndDate', 'The EndDate must be after the StartDate.');
  const flexibleWindowMinutes = flexibleWindow(p.FlexibleTimeWindow, fail);
  const target = mapping(p.Target, 'Target', fail);
  checkKeys(target, TARGET_KEYS, TARGET_NOT_EMULATED, 'Target', fail);
  const arn = optionalString(target.Arn, 'Target.Arn', fail) ?? fail('Target.Arn', 'a target needs an Arn');
  if (!/^arn:aws[a-z-]*:(lambda|sqs):/.test(arn)) {
    fail(
      'Target.Arn',
      `only Lambda function and SQS queue targets are emulated, got ${arn}`,
      ScheduleErrorCode.NOT_EMULATED,
    );
  }
  if (optionalString(target.RoleArn, 'Target.RoleArn', fail) === undefined) {
    fail('Target.RoleArn', 'a target needs the RoleArn EventBridge Scheduler assumes');
  }
  const input = jsonInput(target.Input, 'Target.Input', fail);
  if (target.RetryPolicy !== undefined) {
    const retry = mapping(target.RetryPolicy, 'Target.RetryPolicy', fail);
    checkKeys(retry, ['MaximumEventAgeInSeconds', 'MaximumRetryAttempts'], [], 'Target.RetryPolicy', fail);
    optionalInteger(
      retry.MaximumEventAgeInSeconds,
      60,
      86400,
      'Target.RetryPolicy.MaximumEventAgeInSeconds',
      fail,
    );
    optionalInteger(retry.MaximumRetryAttempts, 0, 185, 'Target.RetryPolicy.MaximumRetryAttempts', fail);
  }
  const deadLetter =
    target.DeadLetterConfig === undefined
      ? undefined
      : mapping(target.DeadLetterConfig, 'Target.DeadLetterConfig', fail);
  const deadLetterArn = optionalString(deadLetter?.Arn, 'Target.DeadLetterConfig.Arn', fail);
  return {
    stackName: request.stack.stackName,
    logicalId: request.logicalId,
    type: 'AWS::Scheduler::Schedule',
    name,
    arn: `arn:aws:scheduler:${context.region}:${context.accountId}:schedule/${group}/${name}`,
    expression,
    timezone,
    enabled: state === 'ENABLED',
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
    ...(flexibleWindowMinutes ? { flexibleWindowMinutes } : {}),
    targets: [
      {
        arn,
        ...(input === undefined ? {} : { input }),
        ...(deadLetterArn === undefined ? {} : { deadLetterArn }),
      },
    ],
  };
}

function dateOf(value: unknown, property: string, fail: Fail): Date | undefined {
  const text = optionalString(value, property, fail);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return fail(property, `'${text}' is not an ISO 8601 date and time`);
  return date;
}

/** The MaximumWindowInMinutes of a FLEXIBLE window, undefined for OFF. */
function flexibleWindow(value: unknown, fail: Fail): number | undefined {
  const window = mapping(value, 'FlexibleTimeWindow', fail);
  checkKeys(window, ['Mode', 'MaximumWindowInMinutes'], [], 'FlexibleTimeWindow', fail);
  const mode = optionalString(window.Mode, 'FlexibleTimeWindow.Mode', fail);
  if (mode !== 'OFF' && mode !== 'FLEXIBLE')
    return fail('FlexibleTimeWindow.Mode', 'must be OFF or FLEXIBLE');
  const minutes = optionalInteger(
    window.MaximumWindowInMinutes,
    1,
    1440,
    'FlexibleTimeWindow.MaximumWindowInMinutes',
    fail,
  );
  if (mode === 'OFF') {
    if (minutes !== undefined) {
      fail(
        'FlexibleTimeWindow.MaximumWindowInMinutes',
        'MaximumWindowInMinutes is only allowed when Mode is FLEXIBLE',
      );
    }
    return undefined;
  }
  return (
    minutes ??
    fail('FlexibleTimeWindow.MaximumWindowInMinutes', 'a FLEXIBLE window needs MaximumWindowInMinutes')
  );
}
