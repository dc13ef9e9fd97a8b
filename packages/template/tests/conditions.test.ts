// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import { evaluateConditions, TemplateError } from '../src/index.js';
import { FILE, parse, testContext } from './helpers/context.js';

function conditions(body: string): Record<string, boolean> {
  const doc = parse(`Conditions:\n${body}\nResources:\n  Queue: {Type: AWS::SQS::Queue}\n`);
  return evaluateConditions(doc, testContext(), FILE);
}

function conditionError(body: string): TemplateError {
  try {
    conditions(body);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected evaluateConditions to throw');
}

describe('evaluateConditions', () => {
  it('evaluates conditions from parameters, mappings and other conditions, in any order', () => {
    // Act
    const result = conditions(
      [
        '  IsBigLocal: !And [!Condition IsLocal, !Condition IsBig]',
        '  IsLocal: !Equals [!Ref Stage, local]',
        '  IsBig: !Equals [!FindInMap [Sizes, !Ref Stage, Memory], 256]',
        '  IsNotLocal: !Not [!Condition IsLocal]',
        '  InEurope: !Equals [!Select [0, !Split ["-", !Ref AWS::Region]], eu]',
        '  Either: !Or [!Condition IsNotLocal, !Condition InEurope]',
      ].join('\n'),
    );

    // Assess
    expect(result).toEqual({
      IsBigLocal: true,
      IsLocal: true,
      IsBig: true,
      IsNotLocal: false,
      InEurope: true,
      Either: true,
    });
  });

  it('returns no conditions for a template without a Conditions section', () => {
    // Act
    const result = evaluateConditions(
      parse('Resources:\n  Q: {Type: AWS::SQS::Queue}\n'),
      testContext(),
      FILE,
    );

    // Assess
    expect(result).toEqual({});
  });

  it('names the whole cycle when conditions depend on each other', () => {
    // Act
    const error = conditionError('  A: !Condition B\n  B: !Not [!Condition C]\n  C: !Condition A');

    // Assess
    expect(error.code).toBe('CIRCULAR_DEPENDENCY');
    expect(error.detail).toBe('Circular dependency between conditions: [A, B, C, A]');
  });

  it.each([
    [
      'an unknown condition',
      '  A: !Condition Nope',
      'UNKNOWN_CONDITION',
      "condition 'Nope' is not defined in the Conditions section",
    ],
    [
      'a resource reference',
      '  A: !Equals [!Ref Queue, x]',
      'INVALID_INTRINSIC',
      'condition A cannot use resource Queue: it must be known before any resource exists',
    ],
    [
      'a non-boolean body',
      '  A: !Ref Stage',
      'INVALID_INTRINSIC',
      'a condition must evaluate to true or false, got string "local"',
    ],
  ])('rejects %s, naming the condition', (_name, body, code, detail) => {
    // Act
    const error = conditionError(body);

    // Assess
    expect(error.code).toBe(code);
    expect(error.detail).toBe(detail);
    expect(error.message).toBe(`${FILE}: property Conditions.A: ${detail}`);
  });
});
