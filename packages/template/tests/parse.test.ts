// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTemplate, parseTemplate, TemplateError } from '../src/index.js';
import { FILE } from './helpers/context.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Parses `Value: <yaml>` inside a minimal template and returns what Value became. */
function parseValue(yaml: string): unknown {
  const doc = parseTemplate(
    `Resources:\n  Thing:\n    Type: Custom::Thing\n    Properties:\n      Value: ${yaml}\n`,
    FILE,
  );
  return doc.Resources.Thing?.Properties?.Value;
}

function parseError(text: string, file = FILE): TemplateError {
  try {
    parseTemplate(text, file);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected parseTemplate to throw');
}

describe('parseTemplate short-form tags', () => {
  it.each([
    ['!Ref Queue', { Ref: 'Queue' }],
    ['!Ref AWS::Region', { Ref: 'AWS::Region' }],
    ['!Condition IsProduction', { Condition: 'IsProduction' }],
    ["!Sub '${AWS::StackName}-queue'", { 'Fn::Sub': '${AWS::StackName}-queue' }],
    [
      "!Sub ['${Name}-queue', {Name: !Ref Stage}]",
      { 'Fn::Sub': ['${Name}-queue', { Name: { Ref: 'Stage' } }] },
    ],
    ['!GetAtt Queue.Arn', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Queue, Arn]', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ['!GetAtt [Queue, !Ref Attribute]', { 'Fn::GetAtt': ['Queue', { Ref: 'Attribute' }] }],
    ['!ImportValue shared-Arn', { 'Fn::ImportValue': 'shared-Arn' }],
    ["!ImportValue {'Fn::Sub': '${Bus}-Arn'}", { 'Fn::ImportValue': { 'Fn::Sub': '${Bus}-Arn' } }],
    [
      "!Join ['', [!Ref A, '-', !GetAtt B.Arn]]",
      { 'Fn::Join': ['', [{ Ref: 'A' }, '-', { 'Fn::GetAtt': ['B', 'Arn'] }]] },
    ],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ["!Split [',', 'a,b']", { 'Fn::Split': [',', 'a,b'] }],
    ['!If [IsProd, 5, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 5, { Ref: 'AWS::NoValue' }] }],
    ['!Equals [!Ref Stage, prod]', { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] }],
    ['!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!FindInMap [Sizes, !Ref Stage, Memory]', { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Base64 {"Fn::Sub": "${X}"}', { 'Fn::Base64': { 'Fn::Sub': '${X}' } }],
    ['!GetAZs', { 'Fn::GetAZs': '' }],
    ['!GetAZs eu-west-1', { 'Fn::GetAZs': 'eu-west-1' }],
    ['!Cidr [10.0.0.0/16, 2, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }],
  ])('turns %s into its long form', (yaml, expected) => {
    // Act
    const value = parseValue(yaml);

    // Assess
    expect(value).toEqual(expected);
  });

  it('turns a !Sub block scalar into a string with its newlines', () => {
    // Act
    const value = parseValue('!Sub |\n        echo ${AWS::Region}\n        done\n');

    // Assess
    expect(value).toEqual({ 'Fn::Sub': 'echo ${AWS::Region}\ndone\n' });
  });

  it('leaves long-form functions as written', () => {
    // Act
    const value = parseValue('\n        Fn::ImportValue: !Sub ${EventBusStackName}-SendEventArn\n');

    // Assess
    expect(value).toEqual({ 'Fn::ImportValue': { 'Fn::Sub': '${EventBusStackName}-SendEventArn' } });
  });
});

describe('parseTemplate YAML types', () => {
  it.each([
    ['a date-like IAM policy version', '2012-10-17', '2012-10-17'],
    ['a time-like value', '12:30', '12:30'],
    ['an account id with a leading zero', '012345678901', '012345678901'],
    ['a quoted number', "'42'", '42'],
    ['a plain integer', '42', 42],
    ['a YAML 1.1 boolean', 'yes', true],
    ['a single letter', 'n', 'n'],
    ['a float', '1.5', 1.5],
    ['null', '~', null],
  ])('reads %s as CloudFormation does', (_name, yaml, expected) => {
    // Act
    const value = parseValue(yaml);

    // Assess
    expect(value).toEqual(expected);
  });

  it('keeps merge keys as ordinary keys', () => {
    // Act
    const value = parseValue('\n        <<: {Inherited: true}\n        Own: 1\n');

    // Assess
    expect(value).toEqual({ '<<': { Inherited: true }, Own: 1 });
  });

  it('keeps mapping keys as written', () => {
    // Act
    const value = parseValue('\n        Yes: 1\n        1.10: 2\n');

    // Assess
    expect(value).toEqual({ Yes: 1, '1.10': 2 });
  });
});

describe('parseTemplate JSON', () => {
  it('reads a JSON template', () => {
    // Act
    const doc = parseTemplate('{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}', 'stack.json');

    // Assess
    expect(doc.Resources).toEqual({ Queue: { Type: 'AWS::SQS::Queue' } });
  });

  it('reports a JSON syntax error with its line', () => {
    // Act
    const error = parseError('{\n  "Resources": {\n    "Queue": }\n}', 'stack.json');

    // Assess
    expect(error.code).toBe('TEMPLATE_PARSE');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^stack\.json:3: /);
  });
});

describe('parseTemplate errors', () => {
  it('reports an unknown tag with file and line', () => {
    // Act
    const error = parseError(
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Name: !Foo x\n',
    );

    // Assess
    expect(error.code).toBe('TEMPLATE_PARSE');
    expect(error.message).toBe(`${FILE}:5: unknown tag !Foo`);
  });

  it('reports a YAML syntax error with file and line', () => {
    // Act
    const error = parseError('Resources:\n  Queue:\n    Type: [unclosed\n');

    // Assess
    expect(error.code).toBe('TEMPLATE_PARSE');
    expect(error.message).toMatch(new RegExp(`^${FILE}:\\d+: `));
    expect(error.message).not.toContain('\n');
  });

  it('explains that two tags cannot sit on one node, as CloudFormation requires the long form', () => {
    // Act
    const error = parseError(
      "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !ImportValue !Sub '${A}-Arn'\n",
    );

    // Assess
    expect(error.code).toBe('TEMPLATE_PARSE');
    expect(error.line).toBe(5);
    expect(error.message).toContain('Fn::ImportValue: !Sub');
  });

  it.each([
    ['!Ref on a sequence', 'X: !Ref [a]', '!Ref takes a scalar, not a sequence'],
    ['!Join on a scalar', 'X: !Join a', '!Join takes a sequence, not a scalar'],
    ['!GetAtt without an attribute', 'X: !GetAtt Queue', "!GetAtt expects LogicalId.Attribute, got 'Queue'"],
  ])('rejects %s', (_name, line, detail) => {
    // Act
    const error = parseError(
      `Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      ${line}\n`,
    );

    // Assess
    expect(error.message).toBe(`${FILE}:5: ${detail}`);
  });

  it('rejects aliases, which CloudFormation does not support', () => {
    // Act
    const error = parseError('Resources:\n  Queue:\n    Type: &t AWS::SQS::Queue\n  Other:\n    Type: *t\n');

    // Assess
    expect(error.code).toBe('TEMPLATE_PARSE');
    expect(error.line).toBe(5);
  });

  it('rejects duplicate keys', () => {
    // Act
    const error = parseError(
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Queue:\n    Type: AWS::SQS::Queue\n',
    );

    // Assess
    expect(error.code).toBe('TEMPLATE_PARSE');
    expect(error.line).toBe(4);
  });
});

describe('parseTemplate shape', () => {
  it.each([
    ['no Resources', 'Description: x\n', undefined, 'Resources', 'the Resources section is required'],
    [
      'a list of Resources',
      'Resources: [a]\n',
      undefined,
      'Resources',
      'the Resources section must be a mapping with at least one resource',
    ],
    [
      'a resource without Type',
      'Resources:\n  Queue:\n    Properties: {}\n',
      'Queue',
      'Type',
      'a resource must have a string Type',
    ],
    [
      'a resource that is a string',
      'Resources:\n  Queue: x\n',
      'Queue',
      undefined,
      'a resource must be a mapping',
    ],
    [
      'Properties that are a list',
      'Resources:\n  Queue:\n    Type: A::B::C\n    Properties: [1]\n',
      'Queue',
      'Properties',
      'Properties must be a mapping',
    ],
    [
      'a bad DependsOn',
      'Resources:\n  Queue:\n    Type: A::B::C\n    DependsOn: {a: 1}\n',
      'Queue',
      'DependsOn',
      'DependsOn must be a logical id or a list of them',
    ],
    [
      'a parameter without Type',
      'Parameters:\n  Stage: {}\nResources:\n  Q: {Type: A::B::C}\n',
      undefined,
      'Parameters.Stage',
      'parameter Stage must be a mapping with a string Type',
    ],
    [
      'an output without Value',
      'Resources:\n  Q: {Type: A::B::C}\nOutputs:\n  Arn: {}\n',
      undefined,
      'Outputs.Arn',
      'output Arn must be a mapping with a Value',
    ],
  ])('rejects %s, naming where', (_name, yaml, resource, property, detail) => {
    // Act
    const error = parseError(yaml);

    // Assess
    expect(error.code).toBe('TEMPLATE_SHAPE');
    expect(error.resource).toBe(resource);
    expect(error.property).toBe(property);
    expect(error.detail).toBe(detail);
    expect(error.message).toContain(FILE);
  });
});

describe('loadTemplate', () => {
  it('loads the items service template with every tag in long form', async () => {
    // Act
    const doc = await loadTemplate(fixture('items-service.yaml'));

    // Assess
    expect(doc.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(doc.Resources.AllocationAcceptedListener?.Properties?.ServiceToken).toEqual({
      'Fn::ImportValue': { 'Fn::Sub': '${EventBusStackName}-UpdateListenerArn' },
    });
    expect(doc.Resources.GeneralExecutionRole?.Properties?.AssumeRolePolicyDocument).toMatchObject({
      Version: '2012-10-17',
    });
  });

  it('loads a JSON template', async () => {
    // Act
    const doc = await loadTemplate(fixture('plain-stack.json'));

    // Assess
    expect(Object.keys(doc.Resources)).toEqual(['Queue', 'Topic']);
  });

  it('reports a syntax error in a file with the file name and line', async () => {
    // Act
    const attempt = loadTemplate(fixture('broken-syntax.yaml'));

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: 'TEMPLATE_PARSE',
      file: fixture('broken-syntax.yaml'),
    });
    await expect(attempt).rejects.toThrow(/broken-syntax\.yaml:\d+: /);
  });

  it('reports a missing file as TEMPLATE_PARSE naming it', async () => {
    // Act
    const attempt = loadTemplate(fixture('missing.yaml'));

    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'TEMPLATE_PARSE' });
    await expect(attempt).rejects.toThrow(/missing\.yaml: cannot read the template/);
  });
});
