import type { StaticContext } from './intrinsics/context.js';
import type { Scope } from './intrinsics/scope.js';
import { knownConditions, staticScope } from './intrinsics/static-scope.js';
import { asString } from './intrinsics/values.js';
import { TemplateError } from './template-error.js';
import { isTemplateObject } from './template-shape.js';
import type { TemplateDocument, TemplateValue } from './types.js';

/** One export a stack declares: its resolved name and the output that holds the value. */
export interface StackExport {
  name: string;
  outputKey: string;
}

/**
 * The export names a stack imports through `Fn::ImportValue`, resolved with parameters, pseudo
 * parameters and conditions only. Resources and outputs whose condition is false, and `Fn::If`
 * branches not taken, import nothing.
 *
 * @throws TemplateError when an imported name would need a resource value, naming the resource and property
 */
export function stackImports(doc: TemplateDocument, ctx: StaticContext, file: string): string[] {
  const names = new Set<string>();
  const purpose = 'the name given to Fn::ImportValue';
  for (const [id, resource] of Object.entries(doc.Resources)) {
    if (resource.Condition !== undefined && ctx.conditions[resource.Condition] === false) continue;
    const scope = staticScope(ctx, { file, resource: id }, purpose, knownConditions(ctx));
    collectImports(resource as unknown as TemplateValue, scope, names);
  }
  for (const [key, output] of Object.entries(doc.Outputs ?? {})) {
    if (output.Condition !== undefined && ctx.conditions[output.Condition] === false) continue;
    const scope = staticScope(ctx, { file, property: `Outputs.${key}` }, purpose, knownConditions(ctx));
    collectImports(output as unknown as TemplateValue, scope, names);
  }
  return [...names];
}

/**
 * The exports a stack declares, names resolved with parameters, pseudo parameters and conditions only
 * (CloudFormation forbids resource values in export names). Outputs whose condition is false are left out.
 *
 * @throws TemplateError naming `Outputs.<Key>.Export.Name` when a name needs a resource value, or when
 * two outputs export the same name
 */
export function stackExports(doc: TemplateDocument, ctx: StaticContext, file: string): StackExport[] {
  const exports: StackExport[] = [];
  for (const [outputKey, output] of Object.entries(doc.Outputs ?? {})) {
    if (output.Export === undefined) continue;
    if (output.Condition !== undefined && ctx.conditions[output.Condition] === false) continue;
    const where = { file, property: `Outputs.${outputKey}.Export.Name` };
    const scope = staticScope(ctx, where, `the export name of output ${outputKey}`, knownConditions(ctx));
    const name = asString(scope.resolve(output.Export.Name), scope, `the export name of output ${outputKey}`);
    const clash = exports.find((existing) => existing.name === name);
    if (clash !== undefined) {
      throw new TemplateError(`export name ${name} is already exported by output ${clash.outputKey}`, {
        code: 'TEMPLATE_SHAPE',
        ...where,
      });
    }
    exports.push({ name, outputKey });
  }
  return exports;
}

function collectImports(value: TemplateValue, scope: Scope, names: Set<string>): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collectImports(item, scope.child(index), names);
    return;
  }
  if (!isTemplateObject(value)) return;
  const keys = Object.keys(value);
  const arg = value[keys[0] ?? ''];
  if (keys.length === 1 && keys[0] === 'Fn::ImportValue' && arg !== undefined) {
    names.add(asString(scope.resolve(arg), scope, 'the name given to Fn::ImportValue'));
    return;
  }
  if (keys.length === 1 && keys[0] === 'Fn::If' && Array.isArray(arg) && typeof arg[0] === 'string') {
    const branch = scope.base.condition(arg[0], scope) ? arg[1] : arg[2];
    if (branch !== undefined) collectImports(branch, scope, names);
    return;
  }
  for (const key of keys) collectImports(value[key] as TemplateValue, scope.child(key), names);
}
