// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import { stackExports, stackImports, TemplateError } from '../src/index.js';
import { FILE, parse, testContext } from './helpers/context.js';

const TEMPLATE = `
Parameters:
  EventBusStackName: {Type: String}
Resources:
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          SEND_EVENT_ARN:
            Fn::ImportValue: !Sub \${EventBusStackName}-SendEventArn
          SHARED: !ImportValue shared-Vpc
          BRANCH: !If [IsLocal, !ImportValue local-only, !ImportValue prod-only]
  ProdOnly:
    Type: AWS::SNS::Topic
    Condition: IsProduction
    Properties:
      Name: !ImportValue never-imported
Outputs:
  FunctionArn:
    Value: !GetAtt Function.Arn
    Export:
      Name: !Sub \${AWS::StackName}-FunctionArn
  Region:
    Value: !Ref AWS::Region
    Export:
      Name: !Join ['-', [!Ref AWS::StackName, Region]]
  Internal:
    Value: x
  Prod:
    Condition: IsProduction
    Value: x
    Export: {Name: prod-export}
`;

function ctx() {
  const { pseudo, conditions, mappings } = testContext();
  return { pseudo, conditions, mappings, parameters: { EventBusStackName: 'local-event-bus' } };
}

function errorOf(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('stackImports', () => {
  it('resolves the names a stack imports, skipping false conditions and branches not taken', () => {
    // Act
    const imports = stackImports(parse(TEMPLATE), ctx(), FILE);

    // Assess
    expect(imports).toEqual(['local-event-bus-SendEventArn', 'shared-Vpc', 'local-only']);
  });

  it('rejects an import name that needs a resource value, naming resource and property', () => {
    // Prepare
    const doc = parse(
      'Resources:\n  F:\n    Type: X::Y::Z\n    Properties:\n      Arn: !ImportValue {"Fn::Sub": "${Queue}-Arn"}\n',
    );

    // Act
    const error = errorOf(() => stackImports(doc, ctx(), FILE));

    // Assess
    expect(error.message).toBe(
      `${FILE}: resource F, property Properties.Arn: the name given to Fn::ImportValue cannot use resource Queue: it must be known before any resource exists`,
    );
  });
});

describe('stackExports', () => {
  it('resolves export names with pseudo parameters, leaving out outputs whose condition is false', () => {
    // Act
    const exports = stackExports(parse(TEMPLATE), ctx(), FILE);

    // Assess
    expect(exports).toEqual([
      { name: 'local-items-FunctionArn', outputKey: 'FunctionArn' },
      { name: 'local-items-Region', outputKey: 'Region' },
    ]);
  });

  it('rejects an export name that needs a resource value, naming the output', () => {
    // Prepare
    const doc = parse(
      'Resources:\n  Q: {Type: AWS::SQS::Queue}\nOutputs:\n  QueueArn:\n    Value: x\n    Export: {Name: !GetAtt Q.Arn}\n',
    );

    // Act
    const error = errorOf(() => stackExports(doc, ctx(), FILE));

    // Assess
    expect(error.message).toBe(
      `${FILE}: property Outputs.QueueArn.Export.Name: the export name of output QueueArn cannot use Q.Arn: it must be known before any resource exists`,
    );
  });

  it('rejects two outputs exporting the same name', () => {
    // Prepare
    const doc = parse(
      'Resources:\n  Q: {Type: AWS::SQS::Queue}\nOutputs:\n  A: {Value: x, Export: {Name: same}}\n  B: {Value: y, Export: {Name: same}}\n',
    );

    // Act
    const error = errorOf(() => stackExports(doc, ctx(), FILE));

    // Assess
    expect(error.message).toBe(
      `${FILE}: property Outputs.B.Export.Name: export name same is already exported by output A`,
    );
  });
});
