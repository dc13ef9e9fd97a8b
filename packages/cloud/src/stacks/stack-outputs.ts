import { resolveValue } from '@motorcade/template';
import type { ExportRegistry } from './export-registry.js';
import type { PreparedStack } from './prepared-stack.js';
import { intrinsicContext } from './resource-context.js';
import type { ResourceRecord } from './stack-record.js';

/**
 * A deployed stack's Outputs as strings (lists joined with commas, as CloudFormation shows them)
 * and its exports by export name. Outputs whose condition is false or whose value is undefined are left out.
 */
export function stackOutputs(
  prepared: PreparedStack,
  resources: Readonly<Record<string, ResourceRecord>>,
  registry: ExportRegistry,
): { outputs: Record<string, string>; exports: Record<string, string> } {
  const context = intrinsicContext(prepared, resources, registry);
  const outputs: Record<string, string> = {};
  const exports: Record<string, string> = {};
  for (const [key, output] of Object.entries(prepared.document.Outputs ?? {})) {
    if (output.Condition !== undefined && prepared.conditions[output.Condition] !== true) continue;
    const where = { file: prepared.templateFile, property: `Outputs.${key}` };
    const value = resolveValue(output.Value, context, where);
    if (value === undefined) continue;
    outputs[key] = Array.isArray(value) ? value.join(',') : String(value);
    if (output.Export) {
      const name = resolveValue(output.Export.Name, context, {
        ...where,
        property: `Outputs.${key}.Export.Name`,
      });
      exports[String(name)] = outputs[key];
    }
  }
  return { outputs, exports };
}
