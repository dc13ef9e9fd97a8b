import { CloudError } from '../errors.js';
import type { ExportRegistry } from './export-registry.js';
import type { PreparedStack } from './prepared-stack.js';
import { StackOperationError } from './stack-operation-error.js';
import type { StackRecord } from './stack-record.js';

/**
 * CloudFormation's rules on exports, in its own words: an import must name an export another
 * stack provides; an export name belongs to one stack; an export another stack imports can be
 * neither deleted nor changed.
 */
export function checkImports(exports: ExportRegistry, prepared: PreparedStack): void {
  for (const name of prepared.imports) {
    const entry = exports.get(name);
    if (!entry || entry.exportingStack === prepared.stackName) {
      throw new StackOperationError(
        'IMPORT_NOT_FOUND',
        prepared.stackName,
        `${prepared.stackName}: No export named ${name} found (imported by ${prepared.stackName}; deploy the stack that exports it first)`,
      );
    }
  }
}

/** The exports an update leaves: none taken from another stack, none in use removed or changed. */
export function checkExports(
  exports: ExportRegistry,
  stackName: string,
  existing: StackRecord | undefined,
  next: Readonly<Record<string, string>>,
): void {
  for (const name of Object.keys(next)) {
    const owner = exports.get(name);
    if (owner && owner.exportingStack !== stackName) {
      throw new CloudError(
        'EXPORT_CONFLICT',
        `Export with name ${name} is already exported by stack ${owner.exportingStack}`,
      );
    }
  }
  for (const [name, value] of Object.entries(existing?.exports ?? {})) {
    if (name in next && next[name] === value) continue;
    const importers = exports.importers(name, stackName);
    if (importers.length === 0) continue;
    const change = name in next ? 'updated' : 'deleted';
    throw new CloudError(
      'EXPORT_IN_USE',
      `Export ${name} cannot be ${change} as it is in use by ${importers.join(', ')}`,
    );
  }
}

/** A stack may be deleted only while no other stack imports one of its exports. */
export function checkDeletable(exports: ExportRegistry, stack: StackRecord): void {
  try {
    checkExports(exports, stack.name, stack, {});
  } catch (error) {
    if (!(error instanceof CloudError)) throw error;
    throw new StackOperationError(error.code, stack.name, error.message, { cause: error });
  }
}
