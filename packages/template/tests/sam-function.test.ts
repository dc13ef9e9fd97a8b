// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import { applySamTransform } from '../src/index.js';
import { FILE, parse } from './helpers/context.js';
import { partitionArn, SAM_HEADER, transform } from './helpers/sam.js';

describe('applySamTransform functions', () => {
  it('returns a template without the SAM transform unchanged', () => {
    // Prepare
    const doc = parse('Resources:\n  F: {Type: AWS::Serverless::Function, Properties: {Bogus: 1}}\n');

    // Act
    const result = applySamTransform(doc, FILE);

    // Assess
    expect(result).toBe(doc);
  });

  it('turns a minimal function into a Lambda function with SAM defaults and a generated role', () => {
    // Act
    const result = transform(
      'Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: src/, Handler: index.handler, Runtime: nodejs20.x}\n',
    );

    // Assess
    expect(result.Transform).toBeUndefined();
    expect(result.Resources).toEqual({
      Hello: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: 'src/',
          Handler: 'index.handler',
          Runtime: 'nodejs20.x',
          Timeout: 3,
          MemorySize: 128,
          Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }],
          Role: { 'Fn::GetAtt': ['HelloRole', 'Arn'] },
        },
      },
      HelloRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Action: ['sts:AssumeRole'],
                Effect: 'Allow',
                Principal: { Service: ['lambda.amazonaws.com'] },
              },
            ],
          },
          ManagedPolicyArns: [partitionArn('service-role/AWSLambdaBasicExecutionRole')],
          Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }],
        },
      },
    });
  });

  it('does not modify the template it is given', () => {
    // Prepare
    const doc = parse(
      `${SAM_HEADER}Resources:\n  F: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: h, Runtime: r}}\n`,
    );
    const before = structuredClone(doc);

    // Act
    applySamTransform(doc, FILE);

    // Assess
    expect(doc).toEqual(before);
  });

  it('keeps other transforms and non-function SAM resources in place', () => {
    // Act
    const result = applySamTransform(
      parse(
        'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources:\n  Table: {Type: AWS::Serverless::SimpleTable, Properties: {TableName: t}}\n',
      ),
      FILE,
    );

    // Assess
    expect(result.Transform).toEqual(['AWS::LanguageExtensions']);
    expect(result.Resources.Table).toEqual({
      Type: 'AWS::Serverless::SimpleTable',
      Properties: { TableName: 't' },
    });
  });

  it('maps every supported function property to its Lambda equivalent', () => {
    // Act
    const result = transform(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: IsLocal
    DependsOn: Other
    DeletionPolicy: Retain
    Metadata: {BuildMethod: esbuild, BuildProperties: {Minify: true}}
    Properties:
      InlineCode: exports.handler = async () => 1;
      Handler: index.handler
      Runtime: nodejs22.x
      Timeout: 30
      MemorySize: 512
      Description: does things
      FunctionName: !Sub \${AWS::StackName}-fn
      Environment: {Variables: {A: b}}
      ReservedConcurrentExecutions: 2
      VpcConfig: {SubnetIds: [s1], SecurityGroupIds: [g1]}
      Architectures: [arm64]
      Layers: [arn:aws:lambda:eu-west-1:1:layer:x:1]
      Tracing: Active
      KmsKeyArn: arn:key
      EphemeralStorage: {Size: 1024}
      LoggingConfig: {LogFormat: JSON}
      Tags: {team: fleet}
      DeadLetterQueue: {Type: SQS, TargetArn: arn:aws:sqs:eu-west-1:1:dlq}
      PermissionsBoundary: arn:boundary
      RolePath: /services/
  Other: {Type: AWS::SQS::Queue}
`);

    // Assess
    const fn = result.Resources.Fn;
    expect(fn).toMatchObject({
      Type: 'AWS::Lambda::Function',
      Condition: 'IsLocal',
      DependsOn: 'Other',
      DeletionPolicy: 'Retain',
      Metadata: { BuildMethod: 'esbuild', BuildProperties: { Minify: true } },
    });
    expect(fn?.Properties).toEqual({
      Code: { ZipFile: 'exports.handler = async () => 1;' },
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Timeout: 30,
      MemorySize: 512,
      Description: 'does things',
      FunctionName: { 'Fn::Sub': '${AWS::StackName}-fn' },
      Environment: { Variables: { A: 'b' } },
      ReservedConcurrentExecutions: 2,
      VpcConfig: { SubnetIds: ['s1'], SecurityGroupIds: ['g1'] },
      Architectures: ['arm64'],
      Layers: ['arn:aws:lambda:eu-west-1:1:layer:x:1'],
      KmsKeyArn: 'arn:key',
      EphemeralStorage: { Size: 1024 },
      LoggingConfig: { LogFormat: 'JSON' },
      TracingConfig: { Mode: 'Active' },
      DeadLetterConfig: { TargetArn: 'arn:aws:sqs:eu-west-1:1:dlq' },
      Tags: [
        { Key: 'lambda:createdBy', Value: 'SAM' },
        { Key: 'team', Value: 'fleet' },
      ],
      Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
    });
    expect(result.Resources.FnRole).toMatchObject({
      Condition: 'IsLocal',
      Properties: {
        ManagedPolicyArns: [
          partitionArn('service-role/AWSLambdaBasicExecutionRole'),
          partitionArn('AWSXrayWriteOnlyAccess'),
          partitionArn('service-role/AWSLambdaVPCAccessExecutionRole'),
        ],
        Policies: [
          {
            PolicyName: 'DeadLetterQueuePolicy',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:1:dlq', Effect: 'Allow' },
              ],
            },
          },
        ],
        PermissionsBoundary: 'arn:boundary',
        Path: '/services/',
      },
    });
  });

  it('keeps an S3 CodeUri as an S3 location', () => {
    // Act
    const result = transform(
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: {Bucket: b, Key: k, Version: v}, Handler: h, Runtime: r}\n',
    );

    // Assess
    expect(result.Resources.F?.Properties?.Code).toEqual({ S3Bucket: 'b', S3Key: 'k', S3ObjectVersion: 'v' });
  });

  it('uses the given Role and generates none', () => {
    // Act
    const result = transform(
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: ., Handler: h, Runtime: r, Role: !GetAtt R.Arn, Policies: [AWSLambdaRole]}\n  R: {Type: AWS::IAM::Role}\n',
    );

    // Assess
    expect(result.Resources.F?.Properties?.Role).toEqual({ 'Fn::GetAtt': ['R', 'Arn'] });
    expect(Object.keys(result.Resources)).toEqual(['F', 'R']);
  });

  it('turns Policies into managed policy ARNs, inline policies and kept policy templates', () => {
    // Act
    const result = transform(`
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: h
      Runtime: r
      Policies:
        - AmazonDynamoDBFullAccess
        - SQSSendMessagePolicy: {QueueName: !GetAtt Q.QueueName}
        - Statement: [{Effect: Allow, Action: s3:GetObject, Resource: '*'}]
        - arn:aws:iam::123:policy/custom
        - !Ref ManagedPolicy
        - AWSLambdaRole
`);

    // Assess
    expect(result.Resources.FRole?.Properties).toMatchObject({
      ManagedPolicyArns: [
        partitionArn('service-role/AWSLambdaBasicExecutionRole'),
        partitionArn('AmazonDynamoDBFullAccess'),
        'arn:aws:iam::123:policy/custom',
        { Ref: 'ManagedPolicy' },
        partitionArn('service-role/AWSLambdaRole'),
      ],
      Policies: [
        {
          PolicyName: 'FRolePolicy2',
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
        },
      ],
      SamPolicyTemplates: [
        {
          PolicyName: 'FRolePolicy1',
          Template: 'SQSSendMessagePolicy',
          Parameters: { QueueName: { 'Fn::GetAtt': ['Q', 'QueueName'] } },
        },
      ],
    });
  });
});
