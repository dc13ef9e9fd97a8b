// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import { orderResources, resourceDependencies, TemplateError } from '../src/index.js';
import { FILE, parse } from './helpers/context.js';

const TEMPLATE = `
Parameters:
  Stage: {Type: String}
Resources:
  Function:
    Type: AWS::Lambda::Function
    DependsOn: LogGroup
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          QUEUE: !Ref Queue
          TABLE: !Sub 'arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:table/\${Table}-\${Stage}'
          TOPIC: !Sub ['\${T}', {T: !Ref Topic}]
          LITERAL: !Sub '\${!Queue}'
          SHADOWED: !Sub ['\${Bucket}', {Bucket: x}]
  LogGroup: {Type: AWS::Logs::LogGroup}
  Role: {Type: AWS::IAM::Role}
  Queue: {Type: AWS::SQS::Queue}
  Table: {Type: AWS::DynamoDB::Table}
  Topic: {Type: AWS::SNS::Topic, DependsOn: [Queue, Table]}
  Bucket: {Type: AWS::S3::Bucket}
`;

function orderError(yaml: string): TemplateError {
  try {
    orderResources(parse(yaml), FILE);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected orderResources to throw');
}

describe('resourceDependencies', () => {
  it('finds resources named by Ref, GetAtt, Sub and DependsOn, and nothing else', () => {
    // Act
    const dependencies = resourceDependencies(parse(TEMPLATE));

    // Assess
    expect([...(dependencies.get('Function') ?? [])].sort()).toEqual([
      'LogGroup',
      'Queue',
      'Role',
      'Table',
      'Topic',
    ]);
    expect([...(dependencies.get('Topic') ?? [])]).toEqual(['Queue', 'Table']);
    expect(dependencies.get('Bucket')?.size).toBe(0);
  });
});

describe('orderResources', () => {
  it('puts every resource after the ones it depends on, otherwise in template order', () => {
    // Act
    const order = orderResources(parse(TEMPLATE), FILE);

    // Assess
    expect(order).toEqual(['LogGroup', 'Role', 'Queue', 'Table', 'Topic', 'Function', 'Bucket']);
  });

  it('names every resource of a cycle', () => {
    // Act
    const error = orderError(`
Resources:
  Alone: {Type: AWS::SQS::Queue}
  A: {Type: X::Y::Z, Properties: {P: !Ref B}}
  B: {Type: X::Y::Z, Properties: {P: !GetAtt C.Arn}}
  C: {Type: X::Y::Z, DependsOn: A}
`);

    // Assess
    expect(error.code).toBe('CIRCULAR_DEPENDENCY');
    expect(error.message).toBe(`${FILE}: resource A: Circular dependency between resources: [A, B, C]`);
  });

  it('reports a resource that depends on itself', () => {
    // Act
    const error = orderError('Resources:\n  A: {Type: X::Y::Z, Properties: {P: !Sub "${A.Arn}"}}\n');

    // Assess
    expect(error.detail).toBe('Circular dependency between resources: [A]');
  });

  it('rejects a DependsOn naming no resource', () => {
    // Act
    const error = orderError('Resources:\n  A: {Type: X::Y::Z, DependsOn: [Nope]}\n');

    // Assess
    expect(error.code).toBe('UNKNOWN_REFERENCE');
    expect(error.message).toBe(
      `${FILE}: resource A, property DependsOn: DependsOn names 'Nope', which is not a resource in this template`,
    );
  });
});
