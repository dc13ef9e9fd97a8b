// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import { transform, transformError } from './helpers/sam.js';

const FUNCTION = `
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: h
      Runtime: r
      Events:
`;

describe('applySamTransform ScheduleV2 events', () => {
  it('turns a ScheduleV2 event into a named Scheduler schedule with its own execution role', () => {
    // Act
    const result = transform(`${FUNCTION}
        Nightly:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 2 * * ? *)
            ScheduleExpressionTimezone: Europe/Paris
            Input: '{"a":1}'
            RetryPolicy: {MaximumRetryAttempts: 3}
`);

    // Assess
    expect(result.Resources.FNightly).toEqual({
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'cron(0 2 * * ? *)',
        Name: 'FNightly',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ScheduleExpressionTimezone: 'Europe/Paris',
        Target: {
          Arn: { 'Fn::GetAtt': ['F', 'Arn'] },
          RoleArn: { 'Fn::GetAtt': ['FNightlyRole', 'Arn'] },
          Input: '{"a":1}',
          RetryPolicy: { MaximumRetryAttempts: 3 },
        },
      },
    });
    expect(result.Resources.FNightlyRole).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: ['sts:AssumeRole'],
              Effect: 'Allow',
              Principal: { Service: ['scheduler.amazonaws.com'] },
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'FNightlyLambdaPolicy',
            PolicyDocument: {
              Statement: [
                {
                  Action: 'lambda:InvokeFunction',
                  Effect: 'Allow',
                  Resource: { 'Fn::GetAtt': ['F', 'Arn'] },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('uses the given RoleArn instead of generating a role, and omits the name on request', () => {
    // Act
    const result = transform(`${FUNCTION}
        Tick:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(5 minutes)
            OmitName: true
            RoleArn: arn:aws:iam::123456789012:role/scheduler
            State: DISABLED
`);

    // Assess
    expect(result.Resources.FTickRole).toBeUndefined();
    expect(result.Resources.FTick?.Properties).toEqual({
      ScheduleExpression: 'rate(5 minutes)',
      State: 'DISABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { 'Fn::GetAtt': ['F', 'Arn'] }, RoleArn: 'arn:aws:iam::123456789012:role/scheduler' },
    });
  });

  it('creates the dead-letter queue SAM creates for DeadLetterConfig Type SQS and lets the role send to it', () => {
    // Act
    const result = transform(`${FUNCTION}
        Tick:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(1 hour)
            DeadLetterConfig: {Type: SQS}
`);

    // Assess
    expect(result.Resources.FTickQueue).toEqual({ Type: 'AWS::SQS::Queue', Properties: {} });
    expect(result.Resources.FTick?.Properties?.Target).toMatchObject({
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['FTickQueue', 'Arn'] } },
    });
    expect(result.Resources.FTickRole?.Properties?.Policies).toContainEqual({
      PolicyName: 'FTickSQSPolicy',
      PolicyDocument: {
        Statement: [
          { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['FTickQueue', 'Arn'] } },
        ],
      },
    });
  });

  it.each([
    ['a missing expression', 'Description: x', 'Properties.Events.Tick.Properties.ScheduleExpression'],
    [
      'Name together with OmitName',
      'ScheduleExpression: rate(1 hour)\n            OmitName: true\n            Name: n',
      'Properties.Events.Tick.Properties.Name',
    ],
    [
      'an unknown property',
      'ScheduleExpression: rate(1 hour)\n            Schedule: rate(1 hour)',
      'Properties.Events.Tick.Properties.Schedule',
    ],
  ])('refuses %s, naming the property', (_case, body, property) => {
    // Act
    const error = transformError(`${FUNCTION}
        Tick:
          Type: ScheduleV2
          Properties:
            ${body}
`);

    // Assess
    expect(error.resource).toBe('F');
    expect(error.property).toBe(property);
  });
});

describe('applySamTransform IoTRule events', () => {
  it('turns an IoTRule event into a topic rule invoking the function and the permission for IoT', () => {
    // Act
    const result = transform(`${FUNCTION}
        Positions:
          Type: IoTRule
          Properties:
            Sql: SELECT * FROM 'devices/+/position'
            AwsIotSqlVersion: '2016-03-23'
`);

    // Assess
    expect(result.Resources.FPositions).toEqual({
      Type: 'AWS::IoT::TopicRule',
      Properties: {
        TopicRulePayload: {
          Sql: "SELECT * FROM 'devices/+/position'",
          RuleDisabled: false,
          Actions: [{ Lambda: { FunctionArn: { 'Fn::GetAtt': ['F', 'Arn'] } } }],
          AwsIotSqlVersion: '2016-03-23',
        },
      },
    });
    expect(result.Resources.FPositionsPermission).toEqual({
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: 'F' },
        Principal: 'iot.amazonaws.com',
        SourceAccount: { 'Fn::Sub': '${AWS::AccountId}' },
        SourceArn: {
          'Fn::Sub': [
            'arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}',
            { RuleName: { Ref: 'FPositions' } },
          ],
        },
      },
    });
  });

  it('refuses an IoTRule event without Sql', () => {
    // Act
    const error = transformError(`${FUNCTION}
        Positions:
          Type: IoTRule
          Properties:
            AwsIotSqlVersion: '2016-03-23'
`);

    // Assess
    expect(error.message).toContain(
      'resource F, property Properties.Events.Positions.Properties.Sql: an IoTRule event needs a Sql statement',
    );
  });
});
