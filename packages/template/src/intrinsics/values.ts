import type { TemplateValue } from '../types.js';
import { NO_VALUE } from './no-value.js';
import type { Scope } from './scope.js';

/** A resolved value as a string, as CloudFormation turns numbers and booleans into strings. */
export function asString(value: unknown, scope: Scope, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return scope.fail('INVALID_INTRINSIC', `${what} must be a string, got ${describeValue(value)}`);
}

/** A resolved value that must be a list. */
export function asList(value: unknown, scope: Scope, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  return scope.fail('INVALID_INTRINSIC', `${what} must be a list, got ${describeValue(value)}`);
}

/** The argument of a function that takes a fixed-length list, e.g. `[delimiter, values]`. */
export function argumentList(
  arg: TemplateValue,
  scope: Scope,
  fn: string,
  shape: string,
  lengths: readonly number[],
): TemplateValue[] {
  if (Array.isArray(arg) && lengths.includes(arg.length)) return arg;
  return scope.fail('INVALID_INTRINSIC', `${fn} expects ${shape}, got ${describeValue(arg)}`);
}

/** A short human description of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
