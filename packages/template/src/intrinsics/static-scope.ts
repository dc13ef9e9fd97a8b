import type { ConditionContext, StaticContext, ValueLocation } from './context.js';
import { evaluate } from './evaluate.js';
import { Scope, type ScopeBase } from './scope.js';

/**
 * A scope for values that must be known before any resource exists (export and import names,
 * conditions): a reference to a resource is an error that says why.
 */
export function staticScope(
  ctx: ConditionContext,
  where: ValueLocation,
  purpose: string,
  condition: ScopeBase['condition'],
): Scope {
  const refuse = (what: string, scope: Scope): never =>
    scope.fail(
      'INVALID_INTRINSIC',
      `${purpose} cannot use ${what}: it must be known before any resource exists`,
    );
  const base: ScopeBase = {
    pseudo: ctx.pseudo,
    parameters: ctx.parameters,
    mappings: ctx.mappings,
    condition,
    ref: (logicalId, scope) => refuse(`resource ${logicalId}`, scope),
    getAtt: (logicalId, attribute, scope) => refuse(`${logicalId}.${attribute}`, scope),
    importValue: (exportName, scope) => refuse(`Fn::ImportValue ${exportName}`, scope),
  };
  return new Scope(base, where, evaluate);
}

/** The condition lookup of a context whose conditions are already evaluated. */
export function knownConditions(ctx: StaticContext): ScopeBase['condition'] {
  return (name, scope) =>
    Object.hasOwn(ctx.conditions, name)
      ? (ctx.conditions[name] as boolean)
      : scope.fail('UNKNOWN_CONDITION', `condition '${name}' is not defined in the Conditions section`);
}
