import type { StackStore } from './stack-store.js';

/** Where an export comes from and who imports it, derived from the deployed stacks. */
export interface ExportEntry {
  readonly name: string;
  readonly value: string;
  readonly exportingStack: string;
  readonly importingStacks: readonly string[];
}

/**
 * The environment's (account's) exports, as `ListExports`/`ListImports` see them. Derived from
 * the stack records, so it can never disagree with what is deployed.
 */
export class ExportRegistry {
  readonly #store: StackStore;

  constructor(store: StackStore) {
    this.#store = store;
  }

  get(name: string): ExportEntry | undefined {
    for (const stack of this.#store.list()) {
      const value = stack.exports[name];
      if (value !== undefined) {
        return { name, value, exportingStack: stack.name, importingStacks: this.importers(name) };
      }
    }
    return undefined;
  }

  /** Stacks importing `name`, other than the exporting one. */
  importers(name: string, excludeStack?: string): string[] {
    return this.#store
      .list()
      .filter((stack) => stack.name !== excludeStack && stack.imports.includes(name))
      .map((stack) => stack.name)
      .sort();
  }

  list(): ExportEntry[] {
    return this.#store.list().flatMap((stack) =>
      Object.entries(stack.exports).map(([name, value]) => ({
        name,
        value,
        exportingStack: stack.name,
        importingStacks: this.importers(name),
      })),
    );
  }
}
