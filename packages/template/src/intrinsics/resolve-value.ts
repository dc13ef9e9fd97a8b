import type { TemplateValue } from '../types.js';
import type { IntrinsicContext, ValueLocation } from './context.js';
import { evaluate } from './evaluate.js';
import { NO_VALUE } from './no-value.js';
import { Scope, type ScopeBase } from './scope.js';

/**
 * Resolves every intrinsic function in a value (`Ref`, `Fn::Sub`, `Fn::GetAtt`, `Fn::If`, ...) against a
 * stack. Keys and list elements that resolve to `AWS::NoValue` are removed; a value that is itself
 * `AWS::NoValue` resolves to `undefined`, so the caller drops the property.
 *
 * @param where - the file, resource and property path of `value`, for error messages
 * @throws TemplateError naming the file, resource and property path of the failing function
 * @example
 * ```ts
 * resolveValue({ 'Fn::Sub': '${AWS::StackName}-queue' }, ctx, { file, resource: 'Queue', property: 'Properties.QueueName' });
 * ```
 */
export function resolveValue(value: TemplateValue, ctx: IntrinsicContext, where: ValueLocation): unknown {
  const result = evaluate(value, new Scope(contextBase(ctx), where, evaluate));
  return result === NO_VALUE ? undefined : result;
}

function contextBase(ctx: IntrinsicContext): ScopeBase {
  return {
    pseudo: ctx.pseudo,
    parameters: ctx.parameters,
    mappings: ctx.mappings,
    condition: (name, scope) =>
      Object.hasOwn(ctx.conditions, name)
        ? (ctx.conditions[name] as boolean)
        : scope.fail('UNKNOWN_CONDITION', `condition '${name}' is not defined in the Conditions section`),
    ref: (logicalId, scope) =>
      ctx.ref(logicalId) ??
      scope.fail('UNKNOWN_REFERENCE', `Ref to '${logicalId}', which is not a parameter or resource`),
    getAtt: (logicalId, attribute, scope) =>
      ctx.getAtt(logicalId, attribute) ??
      scope.fail('UNKNOWN_REFERENCE', `Fn::GetAtt ${logicalId}.${attribute}: no such resource or attribute`),
    importValue: (exportName, scope) =>
      ctx.importValue(exportName) ?? scope.fail('UNKNOWN_REFERENCE', `No export named ${exportName} found`),
  };
}
