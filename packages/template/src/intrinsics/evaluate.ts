import { isTemplateObject } from '../template-shape.js';
import type { TemplateValue } from '../types.js';
import { cidr } from './cidr.js';
import { and, equals, fnIf, not, or } from './condition-functions.js';
import { findInMap } from './find-in-map.js';
import { base64, getAZs, join, select, split } from './list-functions.js';
import { NO_VALUE } from './no-value.js';
import { getAtt, importValue, ref } from './references.js';
import type { Scope } from './scope.js';
import { sub } from './sub.js';

type IntrinsicFunction = (arg: TemplateValue, scope: Scope) => unknown;

/** Every intrinsic function this package resolves, by its long-form key. */
const FUNCTIONS: Readonly<Record<string, IntrinsicFunction>> = {
  Ref: ref,
  'Fn::Sub': sub,
  'Fn::GetAtt': getAtt,
  'Fn::ImportValue': importValue,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::If': fnIf,
  'Fn::Equals': equals,
  'Fn::Not': not,
  'Fn::And': and,
  'Fn::Or': or,
  'Fn::FindInMap': findInMap,
  'Fn::Base64': base64,
  'Fn::GetAZs': getAZs,
  'Fn::Cidr': cidr,
};

/** Whether a key names an intrinsic function (supported or not). */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/**
 * Resolves every intrinsic function inside a value. Keys and list elements that resolve to
 * `AWS::NoValue` are dropped; a value that is itself `AWS::NoValue` comes back as {@link NO_VALUE}.
 */
export function evaluate(value: TemplateValue, scope: Scope): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => evaluate(item, scope.child(index))).filter((item) => item !== NO_VALUE);
  }
  if (!isTemplateObject(value)) return value;
  const keys = Object.keys(value);
  const [first] = keys;
  if (keys.length === 1 && first !== undefined && isIntrinsicKey(first)) {
    const fn = FUNCTIONS[first];
    if (fn === undefined)
      return scope.fail('UNSUPPORTED_INTRINSIC', `intrinsic function ${first} is not supported`);
    return fn(value[first] as TemplateValue, scope);
  }
  const misplaced = keys.find((key) => key.startsWith('Fn::'));
  if (misplaced !== undefined) {
    return scope.fail('INVALID_INTRINSIC', `${misplaced} must be the only key of its mapping`);
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = evaluate(value[key] as TemplateValue, scope.child(key));
    if (resolved !== NO_VALUE)
      Object.defineProperty(result, key, {
        value: resolved,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return result;
}
