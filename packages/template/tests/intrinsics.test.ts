// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import { resolveValue, TemplateError, type TemplateValue } from '../src/index.js';
import { FILE, testContext } from './helpers/context.js';

const WHERE = { file: FILE, resource: 'CreateItem', property: 'Properties.Environment.Variables' };

function resolve(value: TemplateValue): unknown {
  return resolveValue(value, testContext(), WHERE);
}

function resolveError(value: TemplateValue): TemplateError {
  try {
    resolve(value);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected resolveValue to throw');
}

describe('resolveValue', () => {
  it.each<[string, TemplateValue, unknown]>([
    ['Ref to a parameter', { Ref: 'Stage' }, 'local'],
    ['Ref to a list parameter', { Ref: 'Subnets' }, ['subnet-a', 'subnet-b']],
    ['Ref to a resource', { Ref: 'Queue' }, 'Queue-physical'],
    ['Ref to AWS::Region', { Ref: 'AWS::Region' }, 'eu-west-1'],
    ['Ref to AWS::AccountId', { Ref: 'AWS::AccountId' }, '000000000000'],
    ['Ref to AWS::StackName', { Ref: 'AWS::StackName' }, 'local-items'],
    [
      'Ref to AWS::StackId',
      { Ref: 'AWS::StackId' },
      'arn:aws:cloudformation:eu-west-1:000000000000:stack/local-items/1',
    ],
    ['Ref to AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['Ref to AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ['Ref to AWS::NotificationARNs', { Ref: 'AWS::NotificationARNs' }, []],
    ['Ref to AWS::NoValue', { Ref: 'AWS::NoValue' }, undefined],
    [
      'Fn::Sub with a parameter and a pseudo parameter',
      { 'Fn::Sub': '${AWS::StackName}-${Stage}' },
      'local-items-local',
    ],
    ['Fn::Sub with a resource', { 'Fn::Sub': 'url=${Queue}' }, 'url=Queue-physical'],
    ['Fn::Sub with a resource attribute', { 'Fn::Sub': '${Queue.Arn}/x' }, 'arn:Queue.Arn/x'],
    ['Fn::Sub with an escaped literal', { 'Fn::Sub': '${!Literal}-${Stage}' }, '${Literal}-local'],
    ['Fn::Sub with an unclosed ${', { 'Fn::Sub': 'cost ${' }, 'cost ${'],
    ['Fn::Sub with a variable map', { 'Fn::Sub': ['${Name}-q', { Name: { Ref: 'Stage' } }] }, 'local-q'],
    ['Fn::Sub whose map shadows a resource', { 'Fn::Sub': ['${Queue}', { Queue: 'mine' }] }, 'mine'],
    ['Fn::Sub with only the string in a list', { 'Fn::Sub': ['${Stage}'] }, 'local'],
    ['Fn::GetAtt as a list', { 'Fn::GetAtt': ['Queue', 'Arn'] }, 'arn:Queue.Arn'],
    ['Fn::GetAtt as a dotted string', { 'Fn::GetAtt': 'Queue.Arn' }, 'arn:Queue.Arn'],
    [
      'Fn::GetAtt with a nested attribute',
      { 'Fn::GetAtt': ['Table', 'StreamSpecification.Arn'] },
      'arn:Table.StreamSpecification.Arn',
    ],
    ['Fn::GetAtt with a Ref attribute', { 'Fn::GetAtt': ['Queue', { Ref: 'Attribute' }] }, 'arn:Queue.Arn'],
    [
      'Fn::ImportValue of a Sub name',
      { 'Fn::ImportValue': { 'Fn::Sub': '${Stage}-event-bus-SendEventArn' } },
      'arn:aws:lambda:eu-west-1:000000000000:function:send',
    ],
    ['Fn::Join', { 'Fn::Join': [',', ['a', { Ref: 'Stage' }, 3]] }, 'a,local,3'],
    ['Fn::Join of a list parameter', { 'Fn::Join': ['|', { Ref: 'Subnets' }] }, 'subnet-a|subnet-b'],
    ['Fn::Join dropping AWS::NoValue', { 'Fn::Join': ['-', ['a', { Ref: 'AWS::NoValue' }, 'b']] }, 'a-b'],
    ['Fn::Select', { 'Fn::Select': [1, ['a', 'b', 'c']] }, 'b'],
    ['Fn::Select with a string index', { 'Fn::Select': ['0', { Ref: 'Subnets' }] }, 'subnet-a'],
    ['Fn::Split', { 'Fn::Split': [',', 'a,b,,c'] }, ['a', 'b', '', 'c']],
    ['Fn::Select of Fn::Split', { 'Fn::Select': [2, { 'Fn::Split': ['/', 'a/b/c'] }] }, 'c'],
    ['Fn::If true', { 'Fn::If': ['IsLocal', 'yes', 'no'] }, 'yes'],
    ['Fn::If false', { 'Fn::If': ['IsProduction', 'yes', 'no'] }, 'no'],
    ['Fn::If skipping the branch not taken', { 'Fn::If': ['IsLocal', 'ok', { Ref: 'Missing' }] }, 'ok'],
    ['Fn::Equals of equal strings', { 'Fn::Equals': [{ Ref: 'Stage' }, 'local'] }, true],
    ['Fn::Equals of a number and its string', { 'Fn::Equals': [{ Ref: 'Count' }, 3] }, true],
    ['Fn::Equals of different values', { 'Fn::Equals': ['a', 'b'] }, false],
    ['Fn::Not', { 'Fn::Not': [{ Condition: 'IsLocal' }] }, false],
    ['Fn::And', { 'Fn::And': [{ Condition: 'IsLocal' }, { 'Fn::Equals': ['a', 'a'] }] }, true],
    ['Fn::Or', { 'Fn::Or': [{ Condition: 'IsProduction' }, { Condition: 'IsLocal' }] }, true],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] }, 256],
    ['Fn::FindInMap of a list', { 'Fn::FindInMap': ['Sizes', 'local', 'Zones'] }, ['a', 'b']],
    [
      'Fn::FindInMap with a default',
      { 'Fn::FindInMap': ['Sizes', 'staging', 'Memory', { DefaultValue: 128 }] },
      128,
    ],
    [
      'Fn::Base64',
      { 'Fn::Base64': { 'Fn::Sub': '#!/bin/sh ${Stage}' } },
      Buffer.from('#!/bin/sh local').toString('base64'),
    ],
    ['Fn::GetAZs of the stack region', { 'Fn::GetAZs': '' }, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
    ['Fn::GetAZs of a region', { 'Fn::GetAZs': 'us-east-1' }, ['us-east-1a', 'us-east-1b', 'us-east-1c']],
    ['Fn::Cidr', { 'Fn::Cidr': ['10.0.0.0/16', 3, 8] }, ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']],
    [
      'Fn::Cidr of small subnets',
      { 'Fn::Cidr': ['192.168.1.0/24', 2, '6'] },
      ['192.168.1.0/26', '192.168.1.64/26'],
    ],
    ['plain values', { a: [1, true, null, 'x'] }, { a: [1, true, null, 'x'] }],
  ])('resolves %s', (_name, value, expected) => {
    // Act
    const result = resolve(value);

    // Assess
    expect(result).toEqual(expected);
  });

  it('removes the key whose value is AWS::NoValue, directly or through Fn::If', () => {
    // Prepare
    const value: TemplateValue = {
      Keep: 'x',
      Gone: { Ref: 'AWS::NoValue' },
      Maybe: { 'Fn::If': ['IsProduction', 'prod', { Ref: 'AWS::NoValue' }] },
      List: ['a', { 'Fn::If': ['IsLocal', { Ref: 'AWS::NoValue' }, 'b'] }, 'c'],
    };

    // Act
    const result = resolve(value);

    // Assess
    expect(result).toEqual({ Keep: 'x', List: ['a', 'c'] });
  });

  it.each<[string, TemplateValue, string, string, string]>([
    [
      'an unsupported function',
      { X: { 'Fn::Length': [1] } },
      'UNSUPPORTED_INTRINSIC',
      '.X',
      'intrinsic function Fn::Length is not supported',
    ],
    [
      'a function beside other keys',
      { X: { 'Fn::Sub': 'a', Other: 1 } },
      'INVALID_INTRINSIC',
      '.X',
      'Fn::Sub must be the only key of its mapping',
    ],
    [
      'Ref to an unknown name',
      { X: { Ref: 'Nope' } },
      'UNKNOWN_REFERENCE',
      '.X',
      "Ref to 'Nope', which is not a parameter or resource",
    ],
    [
      'Ref to an unknown pseudo parameter',
      { X: { Ref: 'AWS::Nope' } },
      'UNKNOWN_REFERENCE',
      '.X',
      'unknown pseudo parameter AWS::Nope',
    ],
    [
      'Ref to a non-string',
      { X: { Ref: ['a'] } },
      'INVALID_INTRINSIC',
      '.X',
      'Ref takes a logical id or parameter name, got a list of 1',
    ],
    [
      'Fn::GetAtt of an unknown resource',
      { X: { 'Fn::GetAtt': ['Nope', 'Arn'] } },
      'UNKNOWN_REFERENCE',
      '.X',
      'Fn::GetAtt Nope.Arn: no such resource or attribute',
    ],
    [
      'Fn::GetAtt with one element',
      { X: { 'Fn::GetAtt': ['Queue'] } },
      'INVALID_INTRINSIC',
      '.X',
      "Fn::GetAtt expects [LogicalId, Attribute] or 'LogicalId.Attribute', got a list of 1",
    ],
    [
      'Fn::Sub of a list parameter',
      { X: { 'Fn::Sub': '${Subnets}' } },
      'INVALID_INTRINSIC',
      '.X',
      'Fn::Sub cannot substitute the list ${Subnets}; use Fn::Join',
    ],
    [
      'Fn::Sub of an unknown name',
      { X: { 'Fn::Sub': '${Nope}' } },
      'UNKNOWN_REFERENCE',
      '.X',
      "Ref to 'Nope', which is not a parameter or resource",
    ],
    [
      'Fn::Sub with a bad argument',
      { X: { 'Fn::Sub': 42 } },
      'INVALID_INTRINSIC',
      '.X',
      'Fn::Sub expects a string or [string, { Name: value }], got number 42',
    ],
    [
      'Fn::ImportValue of a missing export',
      { X: { 'Fn::ImportValue': 'nope' } },
      'UNKNOWN_REFERENCE',
      '.X',
      'No export named nope found',
    ],
    [
      'Fn::Join with a bad argument',
      { X: { 'Fn::Join': ',' } },
      'INVALID_INTRINSIC',
      '.X',
      'Fn::Join expects [delimiter, [values]], got string ","',
    ],
    [
      'Fn::Join of a mapping element',
      { X: { 'Fn::Join': [',', [{ a: 1 }]] } },
      'INVALID_INTRINSIC',
      '.X',
      'each value of Fn::Join must be a string, got a mapping',
    ],
    [
      'Fn::Select out of range',
      { X: { 'Fn::Select': [5, ['a']] } },
      'INVALID_INTRINSIC',
      '.X',
      'Fn::Select index 5 is out of range for a list of 1',
    ],
    [
      'Fn::Select with a bad index',
      { X: { 'Fn::Select': ['x', ['a']] } },
      'INVALID_INTRINSIC',
      '.X',
      "the Fn::Select index must be a whole number, got 'x'",
    ],
    [
      'Fn::Split of a list',
      { X: { 'Fn::Split': [',', ['a']] } },
      'INVALID_INTRINSIC',
      '.X',
      'the string given to Fn::Split must be a string, got a list of 1',
    ],
    [
      'Fn::If of an unknown condition',
      { X: { 'Fn::If': ['Nope', 1, 2] } },
      'UNKNOWN_CONDITION',
      '.X',
      "condition 'Nope' is not defined in the Conditions section",
    ],
    [
      'Fn::If with two arguments',
      { X: { 'Fn::If': ['IsLocal', 1] } },
      'INVALID_INTRINSIC',
      '.X',
      'Fn::If expects [ConditionName, valueIfTrue, valueIfFalse], got a list of 2',
    ],
    [
      'Fn::And with one condition',
      { X: { 'Fn::And': [{ Condition: 'IsLocal' }] } },
      'INVALID_INTRINSIC',
      '.X',
      'Fn::And expects a list of 2 to 10 conditions, got a list of 1',
    ],
    [
      'Fn::Not of a string',
      { X: { 'Fn::Not': ['maybe'] } },
      'INVALID_INTRINSIC',
      '.X',
      'a condition must evaluate to true or false, got string "maybe"',
    ],
    [
      'Fn::FindInMap of a missing key',
      { X: { 'Fn::FindInMap': ['Sizes', 'staging', 'Memory'] } },
      'UNKNOWN_MAPPING_KEY',
      '.X',
      "Fn::FindInMap: mapping 'Sizes' has no key 'staging'",
    ],
    [
      'Fn::FindInMap of a missing mapping',
      { X: { 'Fn::FindInMap': ['Nope', 'a', 'b'] } },
      'UNKNOWN_MAPPING_KEY',
      '.X',
      "Fn::FindInMap: there is no mapping 'Nope'",
    ],
    [
      'Fn::Cidr of IPv6',
      { X: { 'Fn::Cidr': ['::/64', 1, 64] } },
      'INVALID_INTRINSIC',
      '.X',
      "Fn::Cidr supports IPv4 blocks like 10.0.0.0/16, got '::/64'",
    ],
    [
      'a nested list element',
      { X: ['ok', { Ref: 'Nope' }] },
      'UNKNOWN_REFERENCE',
      '.X[1]',
      "Ref to 'Nope', which is not a parameter or resource",
    ],
  ])('rejects %s, naming file, resource and property', (_name, value, code, suffix, detail) => {
    // Act
    const error = resolveError(value);

    // Assess
    expect(error.code).toBe(code);
    expect(error.detail).toBe(detail);
    expect(error.property).toBe(`Properties.Environment.Variables${suffix}`);
    expect(error.message).toBe(
      `${FILE}: resource CreateItem, property Properties.Environment.Variables${suffix}: ${detail}`,
    );
  });

  it('never treats a key named __proto__ as the prototype', () => {
    // Prepare
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as TemplateValue;

    // Act
    const result = resolve(value) as Record<string, unknown>;

    // Assess
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
