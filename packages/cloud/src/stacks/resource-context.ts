import { type IntrinsicContext, resolveValue } from '@motorcade/template';
import type { ExportRegistry } from './export-registry.js';
import type { PreparedStack } from './prepared-stack.js';
import type { ResourceRecord } from './stack-record.js';

/**
 * What intrinsic functions see while a stack deploys: its parameters, conditions and mappings,
 * the resources made so far, and the environment's exports.
 * Unknown names resolve to undefined, so the template engine reports them with file, resource and property.
 */
export function intrinsicContext(
  prepared: PreparedStack,
  resources: Readonly<Record<string, ResourceRecord>>,
  exports: ExportRegistry,
): IntrinsicContext {
  return {
    pseudo: prepared.pseudo,
    parameters: prepared.parameters.values,
    conditions: prepared.conditions,
    mappings: prepared.document.Mappings ?? {},
    ref: (logicalId) => resources[logicalId]?.physicalId,
    getAtt: (logicalId, attribute) => resources[logicalId]?.attributes[attribute],
    importValue: (name) => exports.get(name)?.value,
  };
}

/** A resource's Properties with every intrinsic function resolved. */
export function resolveProperties(
  prepared: PreparedStack,
  logicalId: string,
  context: IntrinsicContext,
): Record<string, unknown> {
  const definition = prepared.document.Resources[logicalId];
  const value = resolveValue(definition?.Properties ?? {}, context, {
    file: prepared.templateFile,
    resource: logicalId,
    property: 'Properties',
  });
  return (value ?? {}) as Record<string, unknown>;
}
