import { isTemplateObject } from '../../template-shape.js';
import type { TemplateObject } from '../../types.js';
import { rejectUnknownProperties } from '../property-checks.js';
import type { EventSourceInput } from './event-source.js';

const SUPPORTED = new Set([
  'Schedule',
  'Input',
  'Name',
  'Description',
  'Enabled',
  'State',
  'RetryPolicy',
  'DeadLetterConfig',
  'Target',
]);

/**
 * `Type: Schedule` → an `AWS::Events::Rule` named `<FunctionId><EventName>` targeting the function, and
 * the `AWS::Lambda::Permission` `<FunctionId><EventName>Permission` that lets EventBridge invoke it.
 */
export function translateScheduleEvent({ eventName, properties, path, build }: EventSourceInput): void {
  rejectUnknownProperties(properties, SUPPORTED, build, path, 'Schedule event');
  if (properties.Schedule === undefined) {
    build.fail('INVALID_PROPERTY', 'a Schedule event needs a Schedule expression', `${path}.Schedule`);
  }
  if (properties.Enabled !== undefined && properties.State !== undefined) {
    build.fail('INVALID_PROPERTY', 'Enabled and State cannot both be set', `${path}.State`);
  }
  const ruleId = `${build.functionId}${eventName}`;
  const target: TemplateObject = { Arn: build.functionArn, Id: targetId(properties, ruleId) };
  if (properties.Input !== undefined) target.Input = properties.Input;
  if (properties.RetryPolicy !== undefined) target.RetryPolicy = properties.RetryPolicy;
  if (properties.DeadLetterConfig !== undefined)
    target.DeadLetterConfig = deadLetterConfig(properties, path, build);

  const rule: TemplateObject = { ScheduleExpression: properties.Schedule ?? null };
  if (properties.Name !== undefined) rule.Name = properties.Name;
  if (properties.Description !== undefined) rule.Description = properties.Description;
  if (properties.State !== undefined) rule.State = properties.State;
  // SAM turns a boolean Enabled into the rule's State; without either, EventBridge's default applies.
  if (typeof properties.Enabled === 'boolean') rule.State = properties.Enabled ? 'ENABLED' : 'DISABLED';
  rule.Targets = [target];
  build.addResource(ruleId, 'AWS::Events::Rule', rule);
  build.addResource(`${ruleId}Permission`, 'AWS::Lambda::Permission', {
    Action: 'lambda:InvokeFunction',
    FunctionName: build.functionRef,
    Principal: 'events.amazonaws.com',
    SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
  });
}

function targetId(properties: TemplateObject, ruleId: string): string {
  const target = properties.Target;
  if (isTemplateObject(target) && typeof target.Id === 'string') return target.Id;
  return `${ruleId}LambdaTarget`;
}

function deadLetterConfig(
  properties: TemplateObject,
  path: string,
  build: EventSourceInput['build'],
): TemplateObject {
  const config = properties.DeadLetterConfig;
  // SAM can also create the queue itself (`Type: SQS`); that is not implemented, so ask for the ARN.
  if (!isTemplateObject(config) || config.Arn === undefined) {
    return build.fail(
      'UNSUPPORTED_PROPERTY',
      'a Schedule DeadLetterConfig must give the queue Arn (SAM-created queues are not supported yet)',
      `${path}.DeadLetterConfig`,
    );
  }
  return { Arn: config.Arn };
}
