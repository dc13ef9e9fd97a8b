import type { TemplateValue } from '../types.js';
import { pseudoParameterValue } from './pseudo-parameters.js';
import type { Scope } from './scope.js';
import { asString, describeValue } from './values.js';

/** The value of a name a `Ref` or a `${Name}` can point at: pseudo parameter, parameter or resource. */
export function lookupName(name: string, scope: Scope): unknown {
  const pseudo = pseudoParameterValue(name, scope.base.pseudo);
  if (pseudo !== undefined) return pseudo;
  if (Object.hasOwn(scope.base.parameters, name)) return scope.base.parameters[name];
  if (name.startsWith('AWS::')) return scope.fail('UNKNOWN_REFERENCE', `unknown pseudo parameter ${name}`);
  return scope.base.ref(name, scope);
}

/** `Ref`: a parameter's value, a pseudo parameter, or a resource's physical id. */
export function ref(arg: TemplateValue, scope: Scope): unknown {
  if (typeof arg !== 'string' || arg === '') {
    return scope.fail(
      'INVALID_INTRINSIC',
      `Ref takes a logical id or parameter name, got ${describeValue(arg)}`,
    );
  }
  return lookupName(arg, scope);
}

/** `Fn::GetAtt`: `[LogicalId, Attribute]` (the attribute may itself be a `Ref`) or `'LogicalId.Attribute'`. */
export function getAtt(arg: TemplateValue, scope: Scope): unknown {
  let logicalId: unknown;
  let attribute: unknown;
  if (typeof arg === 'string' && arg.indexOf('.') > 0) {
    const dot = arg.indexOf('.');
    logicalId = arg.slice(0, dot);
    attribute = arg.slice(dot + 1);
  } else if (Array.isArray(arg) && arg.length === 2) {
    logicalId = arg[0];
    // Only the attribute name may be computed (e.g. `!Ref AttributeParam`), never the logical id.
    attribute = arg[1] === undefined ? undefined : scope.resolve(arg[1]);
  }
  if (
    typeof logicalId !== 'string' ||
    logicalId === '' ||
    typeof attribute !== 'string' ||
    attribute === ''
  ) {
    return scope.fail(
      'INVALID_INTRINSIC',
      `Fn::GetAtt expects [LogicalId, Attribute] or 'LogicalId.Attribute', got ${describeValue(arg)}`,
    );
  }
  return scope.base.getAtt(logicalId, attribute, scope);
}

/** `Fn::ImportValue`: the value another stack exported under the resolved name. */
export function importValue(arg: TemplateValue, scope: Scope): unknown {
  const name = asString(scope.resolve(arg), scope, 'the name given to Fn::ImportValue');
  return scope.base.importValue(name, scope);
}
