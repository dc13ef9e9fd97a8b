import { CloudError } from '../errors.js';

export interface StackEdges {
  readonly name: string;
  readonly exports: readonly string[];
  readonly imports: readonly string[];
}

/**
 * Orders stacks so that every stack comes after the stacks whose exports it imports.
 * `deployed` maps exports that already exist in the environment (from stacks outside this set)
 * to their stack. An import nobody provides and an import cycle are errors naming the export,
 * the importer, or the whole cycle.
 */
export function orderStacks(
  stacks: readonly StackEdges[],
  deployed: ReadonlyMap<string, string> = new Map(),
): string[] {
  const exporter = new Map<string, string>();
  for (const stack of stacks) {
    for (const name of stack.exports) {
      const other = exporter.get(name);
      if (other) {
        throw new CloudError(
          'EXPORT_CONFLICT',
          `Export ${name} is exported by both ${other} and ${stack.name}`,
        );
      }
      exporter.set(name, stack.name);
    }
  }
  const edges = new Map<string, string[]>();
  for (const stack of stacks) {
    const needs: string[] = [];
    for (const name of stack.imports) {
      const from = exporter.get(name);
      if (from === stack.name) {
        throw new CloudError('IMPORT_OWN_EXPORT', `${stack.name} imports its own export ${name}`);
      }
      if (from) needs.push(from);
      else if (!deployed.has(name)) {
        throw new CloudError(
          'IMPORT_NOT_FOUND',
          `${stack.name} imports ${name}, but no stack exports it (no service in the config does, and no deployed stack)`,
        );
      }
    }
    edges.set(stack.name, needs);
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      throw new CloudError('IMPORT_CYCLE', `Stacks import each other in a cycle: ${cycle.join(' → ')}`);
    }
    state.set(name, 'visiting');
    for (const next of edges.get(name) ?? []) visit(next, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const stack of stacks) visit(stack.name, []);
  return order;
}
