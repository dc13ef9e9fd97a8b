// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import { FILE } from './helpers/context.js';
import { partitionArn, transform, transformError } from './helpers/sam.js';

describe('applySamTransform events and destinations', () => {
  it('turns an SQS event into an event source mapping and lets the role poll queues', () => {
    // Act
    const result = transform(`
Resources:
  F:
    Type: AWS::Serverless::Function
    Condition: IsLocal
    Properties:
      CodeUri: .
      Handler: h
      Runtime: r
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt Q.Arn
            BatchSize: 10
            Enabled: false
            MaximumBatchingWindowInSeconds: 2
            FunctionResponseTypes: [ReportBatchItemFailures]
            ScalingConfig: {MaximumConcurrency: 5}
            FilterCriteria: {Filters: [{Pattern: '{"body":{"a":[1]}}'}]}
`);

    // Assess
    expect(result.Resources.FOrders).toEqual({
      Type: 'AWS::Lambda::EventSourceMapping',
      Condition: 'IsLocal',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] },
        FunctionName: { Ref: 'F' },
        BatchSize: 10,
        Enabled: false,
        MaximumBatchingWindowInSeconds: 2,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 5 },
        FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":[1]}}' }] },
      },
    });
    expect(result.Resources.FRole?.Properties?.ManagedPolicyArns).toContainEqual(
      partitionArn('service-role/AWSLambdaSQSQueueExecutionRole'),
    );
  });

  it('turns a Schedule event into an EventBridge rule and the permission to invoke the function', () => {
    // Act
    const result = transform(`
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: h
      Runtime: r
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
            Name: nightly
            Description: every night
            Input: '{"a":1}'
            Enabled: false
            RetryPolicy: {MaximumRetryAttempts: 2}
`);

    // Assess
    expect(result.Resources.FNightly).toEqual({
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(1 day)',
        Name: 'nightly',
        Description: 'every night',
        State: 'DISABLED',
        Targets: [
          {
            Arn: { 'Fn::GetAtt': ['F', 'Arn'] },
            Id: 'FNightlyLambdaTarget',
            Input: '{"a":1}',
            RetryPolicy: { MaximumRetryAttempts: 2 },
          },
        ],
      },
    });
    expect(result.Resources.FNightlyPermission).toEqual({
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: 'F' },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': ['FNightly', 'Arn'] },
      },
    });
  });

  it('turns EventInvokeConfig into its own resource with CloudFormation destinations', () => {
    // Act
    const result = transform(`
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: h
      Runtime: r
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        MaximumEventAgeInSeconds: 70
        DestinationConfig:
          OnSuccess: {Type: SQS}
          OnFailure: {Type: Lambda, Destination: !GetAtt Handler.Arn}
`);

    // Assess
    expect(result.Resources.FEventInvokeConfig).toEqual({
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        FunctionName: { Ref: 'F' },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 70,
        DestinationConfig: {
          OnSuccess: { Destination: { 'Fn::GetAtt': ['FEventInvokeConfigOnSuccessQueue', 'Arn'] } },
          OnFailure: { Destination: { 'Fn::GetAtt': ['Handler', 'Arn'] } },
        },
      },
    });
    expect(result.Resources.FEventInvokeConfigOnSuccessQueue).toEqual({
      Type: 'AWS::SQS::Queue',
      Properties: {},
    });
    expect(result.Resources.FRole?.Properties?.Policies).toEqual([
      {
        PolicyName: 'FEventInvokeConfigOnSuccessSQSPolicy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: 'sqs:SendMessage',
              Resource: { 'Fn::GetAtt': ['FEventInvokeConfigOnSuccessQueue', 'Arn'] },
              Effect: 'Allow',
            },
          ],
        },
      },
      {
        PolicyName: 'FEventInvokeConfigOnFailureLambdaPolicy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: 'lambda:InvokeFunction',
              Resource: { 'Fn::GetAtt': ['Handler', 'Arn'] },
              Effect: 'Allow',
            },
          ],
        },
      },
    ]);
  });
});

describe('applySamTransform errors', () => {
  const fn = (properties: string) =>
    `Resources:\n  CreateItem:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Handler: h\n      Runtime: r\n${properties}`;

  it.each([
    [
      'a Kinesis event',
      '      Events:\n        Stream: {Type: Kinesis, Properties: {Stream: arn, StartingPosition: LATEST}}\n',
      'UNSUPPORTED_EVENT_SOURCE',
      'Properties.Events.Stream',
      "event source type 'Kinesis' is not supported yet",
    ],
    [
      'an SNS event',
      '      Events:\n        Topic: {Type: SNS, Properties: {Topic: arn}}\n',
      'UNSUPPORTED_EVENT_SOURCE',
      'Properties.Events.Topic',
      "event source type 'SNS' is not supported yet",
    ],
    [
      'an HTTP API event',
      '      Events:\n        Http: {Type: HttpApi, Properties: {Path: /items, Method: post}}\n',
      'UNSUPPORTED_EVENT_SOURCE',
      'Properties.Events.Http',
      "event source type 'HttpApi' is not supported yet",
    ],
    [
      'a typo in a property',
      '      Timout: 3\n',
      'UNSUPPORTED_PROPERTY',
      'Properties.Timout',
      'AWS::Serverless::Function property Timout is not supported',
    ],
    [
      'a wrongly cased property',
      '      memorySize: 3\n',
      'UNSUPPORTED_PROPERTY',
      'Properties.memorySize',
      'AWS::Serverless::Function property memorySize is not supported (did you mean MemorySize?)',
    ],
    [
      'a real property not implemented',
      '      SnapStart: {ApplyOn: PublishedVersions}\n',
      'UNSUPPORTED_PROPERTY',
      'Properties.SnapStart',
      'AWS::Serverless::Function property SnapStart is not supported',
    ],
    [
      'an unknown SQS event property',
      '      Events:\n        Q: {Type: SQS, Properties: {Queue: q, Batch: 1}}\n',
      'UNSUPPORTED_PROPERTY',
      'Properties.Events.Q.Properties.Batch',
      'SQS event property Batch is not supported',
    ],
    [
      'an SQS event without a queue',
      '      Events:\n        Q: {Type: SQS, Properties: {BatchSize: 1}}\n',
      'INVALID_PROPERTY',
      'Properties.Events.Q.Properties.Queue',
      'an SQS event needs a Queue (its ARN)',
    ],
    [
      'a Schedule event without a schedule',
      '      Events:\n        T: {Type: Schedule, Properties: {Input: x}}\n',
      'INVALID_PROPERTY',
      'Properties.Events.T.Properties.Schedule',
      'a Schedule event needs a Schedule expression',
    ],
    [
      'an unknown Schedule event property',
      '      Events:\n        T: {Type: Schedule, Properties: {Schedule: x, Timezone: UTC}}\n',
      'UNSUPPORTED_PROPERTY',
      'Properties.Events.T.Properties.Timezone',
      'Schedule event property Timezone is not supported',
    ],
    [
      'an event without a Type',
      '      Events:\n        T: {Properties: {}}\n',
      'INVALID_PROPERTY',
      'Properties.Events.T.Type',
      'an event needs a Type',
    ],
    [
      'a bad dead-letter queue type',
      '      DeadLetterQueue: {Type: Kinesis, TargetArn: x}\n',
      'INVALID_PROPERTY',
      'Properties.DeadLetterQueue.Type',
      'Type must be SQS or SNS',
    ],
    [
      'an unknown EventInvokeConfig property',
      '      EventInvokeConfig: {Retries: 1}\n',
      'UNSUPPORTED_PROPERTY',
      'Properties.EventInvokeConfig.Retries',
      'EventInvokeConfig property Retries is not supported',
    ],
    [
      'a destination without an ARN',
      '      EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: Lambda}}}\n',
      'INVALID_PROPERTY',
      'Properties.EventInvokeConfig.DestinationConfig.OnFailure.Destination',
      'a Lambda destination needs a Destination ARN',
    ],
    [
      'a bad destination type',
      '      EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: Pigeon}}}\n',
      'INVALID_PROPERTY',
      'Properties.EventInvokeConfig.DestinationConfig.OnFailure.Type',
      'Type must be one of SQS, SNS, Lambda, EventBridge, S3Bucket',
    ],
    [
      'both code properties',
      '      InlineCode: x\n',
      'INVALID_PROPERTY',
      'Properties.InlineCode',
      'specify either CodeUri or InlineCode, not both',
    ],
    [
      'a policy that is a number',
      '      Policies: [42]\n',
      'INVALID_PROPERTY',
      'Properties.Policies[0]',
      'a policy must be a name, an ARN, a policy document or a policy template',
    ],
  ])('rejects %s, naming file, resource and property', (_name, properties, code, property, detail) => {
    // Act
    const error = transformError(fn(properties));

    // Assess
    expect(error.code).toBe(code);
    expect(error.message).toBe(`${FILE}: resource CreateItem, property ${property}: ${detail}`);
  });

  it('rejects a function without code', () => {
    // Act
    const error = transformError(
      'Resources:\n  F: {Type: AWS::Serverless::Function, Properties: {Handler: h}}\n',
    );

    // Assess
    expect(error.message).toBe(
      `${FILE}: resource F, property Properties.CodeUri: a function needs CodeUri or InlineCode`,
    );
  });

  it('refuses to generate a resource over one the template declares', () => {
    // Act
    const error = transformError(
      'Resources:\n  F: {Type: AWS::Serverless::Function, Properties: {CodeUri: ., Handler: h}}\n  FRole: {Type: AWS::IAM::Role}\n',
    );

    // Assess
    expect(error.code).toBe('TEMPLATE_SHAPE');
    expect(error.message).toBe(
      `${FILE}: resource F: SAM generates a resource named FRole, but the template already has one`,
    );
  });
});
