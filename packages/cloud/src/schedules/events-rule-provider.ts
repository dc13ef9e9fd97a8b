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
  optionalString,
} from './property-checks.js';
import type { ScheduleDefinition, ScheduleRegistry, ScheduleTarget } from './schedule-definition.js';
import { InvalidExpressionError, ScheduleErrorCode } from './schedule-errors.js';
import { checkInputPath } from './scheduled-event.js';

const TARGET_KEYS = [
  'Arn',
  'Id',
  'Input',
  'InputPath',
  'InputTransformer',
  'RetryPolicy',
  'DeadLetterConfig',
  'RoleArn',
];
const TARGET_NOT_EMULATED = [
  'InputTransformer',
  'AppSyncParameters',
  'BatchParameters',
  'EcsParameters',
  'HttpParameters',
  'KinesisParameters',
  'RedshiftDataParameters',
  'SageMakerPipelineParameters',
  'SqsParameters',
  'RunCommandParameters',
];
/** EventBridge's limit of targets per rule. */
const MAX_TARGETS = 5;

/**
 * `AWS::Events::Rule` with a ScheduleExpression: a scheduled rule on the default event bus whose
 * targets get EventBridge's scheduled event (or their Input / InputPath). `Ref` is the rule name,
 * `Fn::GetAtt Rule.Arn` its ARN. Rules with an EventPattern are refused: event buses are not
 * emulated yet.
 */
export function eventsRuleProvider(
  registry: ScheduleRegistry,
  context: EnvironmentContext,
): ResourceProvider {
  return registeredResource({
    properties: [
      'Description',
      'EventBusName',
      'EventPattern',
      'Name',
      'RoleArn',
      'ScheduleExpression',
      'State',
      'Targets',
    ],
    nameProperty: 'Name',
    generateName: (request) => generatePhysicalName(request.stack.stackName, request.logicalId, 64),
    register: (request, name) => {
      const definition = ruleDefinition(request, name, context);
      registry.register(definition);
      return { physicalId: name, attributes: { Arn: definition.arn } };
    },
    unregister: (request) =>
      registry.unregister(request.stack.stackName, request.logicalId, request.physicalId),
  });
}

function ruleDefinition(
  request: ResourceRequest,
  name: string,
  context: EnvironmentContext,
): ScheduleDefinition {
  const fail = failFor(request);
  const p = request.properties;
  if (p.EventPattern !== undefined) {
    fail(
      'EventPattern',
      'rules with an EventPattern are not emulated yet (event buses are not); only ScheduleExpression rules are',
      ScheduleErrorCode.NOT_EMULATED,
    );
  }
  const bus = optionalString(p.EventBusName, 'EventBusName', fail);
  if (bus !== undefined && bus !== 'default') {
    fail('EventBusName', 'ScheduleExpression is supported only on the default event bus.');
  }
  optionalString(p.Description, 'Description', fail);
  const expression = expressionOf(p.ScheduleExpression, 'events', 'ScheduleExpression', fail);
  const state = oneOf(
    p.State,
    ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'],
    'ENABLED',
    'State',
    fail,
  );
  const targets = p.Targets === undefined ? [] : p.Targets;
  if (!Array.isArray(targets)) return fail('Targets', 'must be a list of targets');
  if (targets.length > MAX_TARGETS) fail('Targets', `a rule can have at most ${MAX_TARGETS} targets`);
  return {
    stackName: request.stack.stackName,
    logicalId: request.logicalId,
    type: 'AWS::Events::Rule',
    name,
    arn: `arn:aws:events:${context.region}:${context.accountId}:rule/${name}`,
    expression,
    timezone: 'UTC',
    enabled: state !== 'DISABLED',
    targets: targets.map((target, index) => ruleTarget(target, `Targets[${index}]`, fail)),
  };
}

function ruleTarget(value: unknown, path: string, fail: Fail): ScheduleTarget {
  const target = mapping(value, path, fail);
  checkKeys(target, TARGET_KEYS, TARGET_NOT_EMULATED, path, fail);
  const arn = optionalString(target.Arn, `${path}.Arn`, fail) ?? fail(`${path}.Arn`, 'a target needs an Arn');
  if (!/^arn:aws[a-z-]*:(lambda|sqs):/.test(arn)) {
    fail(
      `${path}.Arn`,
      `only Lambda function and SQS queue targets are emulated, got ${arn}`,
      ScheduleErrorCode.NOT_EMULATED,
    );
  }
  const id = optionalString(target.Id, `${path}.Id`, fail) ?? fail(`${path}.Id`, 'a target needs an Id');
  const input = jsonInput(target.Input, `${path}.Input`, fail);
  const inputPath = optionalString(target.InputPath, `${path}.InputPath`, fail);
  if (input !== undefined && inputPath !== undefined) {
    fail(path, 'Only one of Input, InputPath, or InputTransformer can be provided for a target.');
  }
  if (inputPath !== undefined) {
    try {
      checkInputPath(inputPath);
    } catch (error) {
      if (error instanceof InvalidExpressionError) fail(`${path}.InputPath`, error.message);
      throw error;
    }
  }
  const deadLetter =
    target.DeadLetterConfig === undefined
      ? undefined
      : mapping(target.DeadLetterConfig, `${path}.DeadLetterConfig`, fail);
  const deadLetterArn = optionalString(deadLetter?.Arn, `${path}.DeadLetterConfig.Arn`, fail);
  return {
    arn,
    id,
    ...(input === undefined ? {} : { input }),
    ...(inputPath === undefined ? {} : { inputPath }),
    ...(deadLetterArn === undefined ? {} : { deadLetterArn }),
  };
}
