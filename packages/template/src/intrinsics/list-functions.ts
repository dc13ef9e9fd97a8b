import type { TemplateValue } from '../types.js';
import type { Scope } from './scope.js';
import { argumentList, asList, asString } from './values.js';

/** `Fn::Join`: `[delimiter, [values]]`; the values may come from a list parameter or another function. */
export function join(arg: TemplateValue, scope: Scope): string {
  const [delimiter, values] = argumentList(arg, scope, 'Fn::Join', '[delimiter, [values]]', [2]) as [
    TemplateValue,
    TemplateValue,
  ];
  const separator = asString(scope.resolve(delimiter), scope, 'the Fn::Join delimiter');
  const items = asList(scope.resolve(values), scope, 'the values of Fn::Join');
  return items.map((item) => asString(item, scope, 'each value of Fn::Join')).join(separator);
}

/** `Fn::Split`: `[delimiter, string]` → list of strings. */
export function split(arg: TemplateValue, scope: Scope): string[] {
  const [delimiter, source] = argumentList(arg, scope, 'Fn::Split', '[delimiter, string]', [2]) as [
    TemplateValue,
    TemplateValue,
  ];
  const separator = asString(scope.resolve(delimiter), scope, 'the Fn::Split delimiter');
  if (separator === '') return scope.fail('INVALID_INTRINSIC', 'the Fn::Split delimiter must not be empty');
  return asString(scope.resolve(source), scope, 'the string given to Fn::Split').split(separator);
}

/** `Fn::Select`: `[index, list]` → the element at a zero-based index. */
export function select(arg: TemplateValue, scope: Scope): unknown {
  const [indexArg, listArg] = argumentList(arg, scope, 'Fn::Select', '[index, list]', [2]) as [
    TemplateValue,
    TemplateValue,
  ];
  const indexText = asString(scope.resolve(indexArg), scope, 'the Fn::Select index');
  const index = Number(indexText);
  if (!/^\d+$/.test(indexText.trim()) || !Number.isSafeInteger(index)) {
    return scope.fail('INVALID_INTRINSIC', `the Fn::Select index must be a whole number, got '${indexText}'`);
  }
  const list = asList(scope.resolve(listArg), scope, 'the list given to Fn::Select');
  if (index >= list.length) {
    return scope.fail(
      'INVALID_INTRINSIC',
      `Fn::Select index ${index} is out of range for a list of ${list.length}`,
    );
  }
  return list[index];
}

/** `Fn::Base64`: the Base64 encoding of the UTF-8 bytes of a string. */
export function base64(arg: TemplateValue, scope: Scope): string {
  const text = asString(scope.resolve(arg), scope, 'the value given to Fn::Base64');
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * `Fn::GetAZs`: the availability zones of a region (the stack's when empty). A local cloud has no real
 * zones, so every region has the three that most AWS regions have: `a`, `b` and `c`.
 */
export function getAZs(arg: TemplateValue, scope: Scope): string[] {
  const given = asString(scope.resolve(arg), scope, 'the region given to Fn::GetAZs');
  const region = given === '' ? scope.base.pseudo.region : given;
  return [`${region}a`, `${region}b`, `${region}c`];
}
