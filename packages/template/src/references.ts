import { subVariables } from './intrinsics/sub-template.js';
import { isTemplateObject } from './template-shape.js';
import type { TemplateValue } from './types.js';

/**
 * The names a value refers to through `Ref`, `Fn::GetAtt` and `Fn::Sub` variables: logical ids,
 * parameter names and pseudo parameters alike (the caller keeps the kind it wants). Both branches of
 * an `Fn::If` count, because which one applies is not known before conditions are evaluated.
 */
export function referencedNames(value: TemplateValue, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, into);
    return into;
  }
  if (!isTemplateObject(value)) return into;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  const arg = only === undefined ? undefined : value[only];
  if (only === 'Ref' && typeof arg === 'string') {
    into.add(arg);
  } else if (only === 'Fn::GetAtt' && arg !== undefined) {
    addGetAtt(arg, into);
  } else if (only === 'Fn::Sub' && arg !== undefined) {
    addSub(arg, into);
  } else {
    for (const item of Object.values(value)) referencedNames(item, into);
  }
  return into;
}

function addGetAtt(arg: TemplateValue, into: Set<string>): void {
  if (typeof arg === 'string') {
    into.add(arg.split('.')[0] ?? arg);
  } else if (Array.isArray(arg)) {
    if (typeof arg[0] === 'string') into.add(arg[0]);
    // The attribute name may be `!Ref SomeParameter`.
    for (const rest of arg.slice(1)) referencedNames(rest, into);
  }
}

function addSub(arg: TemplateValue, into: Set<string>): void {
  const template = typeof arg === 'string' ? arg : Array.isArray(arg) ? arg[0] : undefined;
  const variables = Array.isArray(arg) && isTemplateObject(arg[1]) ? arg[1] : {};
  if (typeof template === 'string') {
    for (const variable of subVariables(template)) {
      // Names given in the variable map shadow resources and parameters of the same name.
      if (!Object.hasOwn(variables, variable)) into.add(variable.split('.')[0] ?? variable);
    }
  }
  for (const item of Object.values(variables)) referencedNames(item, into);
}
