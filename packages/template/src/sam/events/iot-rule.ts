// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import type { TemplateObject } from '../../types.js';
import { rejectUnknownProperties } from '../property-checks.js';
import type { EventSourceInput } from './event-source.js';

const SUPPORTED = new Set(['Sql', 'AwsIotSqlVersion']);

/**
 * `Type: IoTRule` → the `AWS::Lambda::Permission` `<FunctionId><EventName>Permission` that lets AWS IoT
 * invoke the function from this account's rule, and the `AWS::IoT::TopicRule` `<FunctionId><EventName>`
 * whose only action is the function, as SAM generates them.
 */
export function translateIotRuleEvent({ eventName, properties, path, build }: EventSourceInput): void {
  rejectUnknownProperties(properties, SUPPORTED, build, path, 'IoTRule event');
  if (properties.Sql === undefined)
    build.fail('INVALID_PROPERTY', 'an IoTRule event needs a Sql statement', `${path}.Sql`);
  const ruleId = `${build.functionId}${eventName}`;
  build.addResource(`${ruleId}Permission`, 'AWS::Lambda::Permission', {
    Action: 'lambda:InvokeFunction',
    FunctionName: build.functionRef,
    Principal: 'iot.amazonaws.com',
    SourceAccount: { 'Fn::Sub': '${AWS::AccountId}' },
    SourceArn: {
      'Fn::Sub': [
        'arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}',
        { RuleName: { Ref: ruleId } },
      ],
    },
  });
  const payload: TemplateObject = {
    Sql: properties.Sql ?? null,
    RuleDisabled: false,
    Actions: [{ Lambda: { FunctionArn: build.functionArn } }],
  };
  if (properties.AwsIotSqlVersion !== undefined) payload.AwsIotSqlVersion = properties.AwsIotSqlVersion;
  build.addResource(ruleId, 'AWS::IoT::TopicRule', { TopicRulePayload: payload });
}
