import { isTemplateObject } from '../template-shape.js';
import type { TemplateValue } from '../types.js';
import { NO_VALUE } from './no-value.js';
import { lookupName } from './references.js';
import type { Scope } from './scope.js';
import { parseSubTemplate } from './sub-template.js';
import { describeValue } from './values.js';

/** `Fn::Sub`: `'text ${Name}'` or `['text ${Var}', { Var: value }]`. */
export function sub(arg: TemplateValue, scope: Scope): string {
  const [template, variables] = subArguments(arg, scope);
  const resolved = new Map<string, unknown>();
  for (const [name, value] of Object.entries(variables)) resolved.set(name, scope.resolve(value));
  return parseSubTemplate(template)
    .map((part) => ('text' in part ? part.text : substitute(part.variable, resolved, scope)))
    .join('');
}

function subArguments(arg: TemplateValue, scope: Scope): [string, Record<string, TemplateValue>] {
  if (typeof arg === 'string') return [arg, {}];
  if (Array.isArray(arg) && typeof arg[0] === 'string') {
    if (arg.length === 1) return [arg[0], {}];
    if (arg.length === 2 && isTemplateObject(arg[1])) return [arg[0], arg[1]];
  }
  return scope.fail(
    'INVALID_INTRINSIC',
    `Fn::Sub expects a string or [string, { Name: value }], got ${describeValue(arg)}`,
  );
}

function substitute(variable: string, resolved: Map<string, unknown>, scope: Scope): string {
  const value = resolved.has(variable) ? resolved.get(variable) : lookupVariable(variable, scope);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    // CloudFormation refuses to guess a delimiter; Fn::Join is the way to flatten a list.
    return scope.fail(
      'INVALID_INTRINSIC',
      `Fn::Sub cannot substitute the list \${${variable}}; use Fn::Join`,
    );
  }
  if (value === NO_VALUE) return scope.fail('INVALID_INTRINSIC', `Fn::Sub cannot substitute \${${variable}}`);
  return scope.fail(
    'INVALID_INTRINSIC',
    `Fn::Sub variable \${${variable}} is ${describeValue(value)}, not a string`,
  );
}

function lookupVariable(variable: string, scope: Scope): unknown {
  if (variable === '') return scope.fail('INVALID_INTRINSIC', 'Fn::Sub has a variable with no name');
  const dot = variable.indexOf('.');
  // `AWS::` names contain no dots, so a dot always means `${LogicalId.Attribute}`.
  if (dot > 0) return scope.base.getAtt(variable.slice(0, dot), variable.slice(dot + 1), scope);
  return lookupName(variable, scope);
}
