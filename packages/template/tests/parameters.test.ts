import { describe, expect, it } from 'vitest';
import { declaredParameterNames, resolveParameters, TemplateError } from '../src/index.js';
import { FILE, parse } from './helpers/context.js';

function template(parameters: string): ReturnType<typeof parse> {
  return parse(`Parameters:\n${parameters}\nResources:\n  Queue: {Type: AWS::SQS::Queue}\n`);
}

function parameterError(parameters: string, given: Record<string, string>): TemplateError {
  try {
    resolveParameters(template(parameters), FILE, given);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected resolveParameters to throw');
}

describe('resolveParameters', () => {
  it.each([
    ['a given String', '  P: {Type: String}', { P: 'x' }, 'x'],
    ['a String default', '  P: {Type: String, Default: local}', {}, 'local'],
    ['a given value over the default', '  P: {Type: String, Default: local}', { P: 'prod' }, 'prod'],
    ['an empty given String', '  P: {Type: String, Default: x}', { P: '' }, ''],
    ['a Number, kept as a string', '  P: {Type: Number}', { P: '1.5' }, '1.5'],
    ['a numeric YAML default', '  P: {Type: Number, Default: 30}', {}, '30'],
    ['a CommaDelimitedList, trimmed', '  P: {Type: CommaDelimitedList}', { P: 'a, b ,c' }, ['a', 'b', 'c']],
    ['an empty list', '  P: {Type: CommaDelimitedList, Default: ""}', {}, []],
    ['a List<Number>', '  P: {Type: List<Number>}', { P: '1,2' }, ['1', '2']],
    ['a List<String>', '  P: {Type: List<String>}', { P: 'x,y' }, ['x', 'y']],
    [
      'a List<AWS::EC2::Subnet::Id>',
      '  P: {Type: List<AWS::EC2::Subnet::Id>}',
      { P: 'subnet-1,subnet-2' },
      ['subnet-1', 'subnet-2'],
    ],
    ['an AWS-specific type', '  P: {Type: AWS::EC2::VPC::Id}', { P: 'vpc-1' }, 'vpc-1'],
    ['an allowed value', '  P: {Type: String, AllowedValues: [local, prod]}', { P: 'prod' }, 'prod'],
    ['numeric allowed values', '  P: {Type: Number, AllowedValues: [1, 2]}', { P: '2' }, '2'],
    ['a matching pattern', '  P: {Type: String, AllowedPattern: "[a-z]+"}', { P: 'abc' }, 'abc'],
    ['a length in range', '  P: {Type: String, MinLength: 2, MaxLength: 3}', { P: 'abc' }, 'abc'],
    ['a number in range', '  P: {Type: Number, MinValue: 1, MaxValue: 10}', { P: '10' }, '10'],
  ])('accepts %s', (_name, parameters, given, expected) => {
    // Act
    const resolved = resolveParameters(template(parameters), FILE, given);

    // Assess
    expect(resolved.values.P).toEqual(expected);
  });

  it('ignores given names the template does not declare', () => {
    // Act
    const resolved = resolveParameters(template('  P: {Type: String}'), FILE, { P: 'x', Other: 'y' });

    // Assess
    expect(resolved.values).toEqual({ P: 'x' });
  });

  it('reports NoEcho parameters so callers can mask them', () => {
    // Act
    const resolved = resolveParameters(
      template('  Secret: {Type: String, NoEcho: true}\n  Plain: {Type: String}'),
      FILE,
      { Secret: 's', Plain: 'p' },
    );

    // Assess
    expect([...resolved.noEcho]).toEqual(['Secret']);
  });

  it('lists the declared parameter names', () => {
    // Act
    const names = declaredParameterNames(template('  A: {Type: String}\n  B: {Type: Number}'));

    // Assess
    expect(names).toEqual(['A', 'B']);
  });

  it.each([
    [
      'a missing value',
      '  Stage: {Type: String}\n  Other: {Type: String}',
      {},
      'MISSING_PARAMETER',
      'Parameters: [Stage, Other] must have values',
    ],
    [
      'a value not allowed',
      '  Stage: {Type: String, AllowedValues: [local]}',
      { Stage: 'x' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must be one of AllowedValues",
    ],
    [
      'a list element not allowed',
      '  Stage: {Type: CommaDelimitedList, AllowedValues: [a]}',
      { Stage: 'a,b' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must be one of AllowedValues",
    ],
    [
      'a non-number',
      '  Stage: {Type: Number}',
      { Stage: 'ten' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must be a number",
    ],
    [
      'a non-number in a list',
      '  Stage: {Type: List<Number>}',
      { Stage: '1,x' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must be a number",
    ],
    [
      'a pattern mismatch',
      '  Stage: {Type: String, AllowedPattern: "[a-z]+"}',
      { Stage: 'ab1' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must match pattern [a-z]+",
    ],
    [
      'a value too short',
      '  Stage: {Type: String, MinLength: 3}',
      { Stage: 'ab' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must contain at least 3 characters",
    ],
    [
      'a value too long',
      '  Stage: {Type: String, MaxLength: 1}',
      { Stage: 'ab' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must contain at most 1 characters",
    ],
    [
      'a number too small',
      '  Stage: {Type: Number, MinValue: 5}',
      { Stage: '4' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must be a number not less than 5",
    ],
    [
      'a number too large',
      '  Stage: {Type: Number, MaxValue: 5}',
      { Stage: '6' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' must be a number not greater than 5",
    ],
    [
      'a failed constraint with a description',
      '  Stage: {Type: String, AllowedValues: [a], ConstraintDescription: use a}',
      { Stage: 'b' },
      'INVALID_PARAMETER',
      "Parameter 'Stage' failed to satisfy constraint: use a",
    ],
    [
      'an SSM parameter type',
      '  Stage: {Type: "AWS::SSM::Parameter::Value<String>"}',
      { Stage: '/x' },
      'UNSUPPORTED_PARAMETER_TYPE',
      'parameter type AWS::SSM::Parameter::Value<String> is not supported yet: pass the value itself as a String',
    ],
    [
      'an unknown type',
      '  Stage: {Type: Strnig}',
      { Stage: 'x' },
      'UNSUPPORTED_PARAMETER_TYPE',
      'Unrecognized parameter type: Strnig',
    ],
    [
      'an invalid pattern',
      '  Stage: {Type: String, AllowedPattern: "[a-"}',
      { Stage: 'x' },
      'INVALID_PARAMETER',
      'AllowedPattern [a- is not a valid regular expression',
    ],
  ])('rejects %s, naming the parameter', (_name, parameters, given, code, detail) => {
    // Act
    const error = parameterError(parameters, given);

    // Assess
    expect(error.code).toBe(code);
    expect(error.detail).toBe(detail);
    expect(error.property).toBe('Parameters.Stage');
    expect(error.message).toBe(`${FILE}: property Parameters.Stage: ${detail}`);
  });
});
