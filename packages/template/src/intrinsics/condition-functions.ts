import { isTemplateObject } from '../template-shape.js';
import type { TemplateValue } from '../types.js';
import type { Scope } from './scope.js';
import { argumentList, describeValue } from './values.js';

/**
 * A value in a boolean position (a condition body, an argument of `Fn::And`/`Or`/`Not`): a
 * `{ Condition: Name }` reference or a function that yields a boolean.
 */
export function conditionValue(value: TemplateValue, scope: Scope): boolean {
  if (isTemplateObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Condition') {
      const name = value.Condition;
      if (typeof name !== 'string') {
        return scope.fail(
          'INVALID_INTRINSIC',
          `Condition takes a condition name, got ${describeValue(name)}`,
        );
      }
      return scope.base.condition(name, scope);
    }
  }
  const result = scope.resolve(value);
  if (typeof result === 'boolean') return result;
  // Parameters are strings, so `!Ref EnableFeature` with value 'true' is accepted as CloudFormation does.
  if (result === 'true' || result === 'false') return result === 'true';
  return scope.fail(
    'INVALID_INTRINSIC',
    `a condition must evaluate to true or false, got ${describeValue(result)}`,
  );
}

/** `Fn::If`: `[ConditionName, valueIfTrue, valueIfFalse]`; only the chosen branch is resolved. */
export function fnIf(arg: TemplateValue, scope: Scope): unknown {
  const [name, whenTrue, whenFalse] = argumentList(
    arg,
    scope,
    'Fn::If',
    '[ConditionName, valueIfTrue, valueIfFalse]',
    [3],
  ) as [TemplateValue, TemplateValue, TemplateValue];
  if (typeof name !== 'string') {
    return scope.fail('INVALID_INTRINSIC', `Fn::If takes a condition name first, got ${describeValue(name)}`);
  }
  return scope.resolve(scope.base.condition(name, scope) ? whenTrue : whenFalse);
}

/** `Fn::Equals`: `[a, b]`, compared as CloudFormation compares them, as strings. */
export function equals(arg: TemplateValue, scope: Scope): boolean {
  const [left, right] = argumentList(arg, scope, 'Fn::Equals', '[value, value]', [2]) as [
    TemplateValue,
    TemplateValue,
  ];
  return comparable(scope.resolve(left)) === comparable(scope.resolve(right));
}

/** `Fn::Not`: `[condition]`. */
export function not(arg: TemplateValue, scope: Scope): boolean {
  const [condition] = argumentList(arg, scope, 'Fn::Not', '[condition]', [1]) as [TemplateValue];
  return !conditionValue(condition, scope);
}

const TWO_TO_TEN = [2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** `Fn::And`: 2 to 10 conditions, all true. */
export function and(arg: TemplateValue, scope: Scope): boolean {
  const conditions = argumentList(arg, scope, 'Fn::And', 'a list of 2 to 10 conditions', TWO_TO_TEN);
  return conditions.map((condition) => conditionValue(condition, scope)).every(Boolean);
}

/** `Fn::Or`: 2 to 10 conditions, any true. */
export function or(arg: TemplateValue, scope: Scope): boolean {
  const conditions = argumentList(arg, scope, 'Fn::Or', 'a list of 2 to 10 conditions', TWO_TO_TEN);
  return conditions.map((condition) => conditionValue(condition, scope)).some(Boolean);
}

function comparable(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
