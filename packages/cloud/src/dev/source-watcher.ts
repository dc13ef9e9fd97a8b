import { type FSWatcher, watch } from 'node:fs';
import { resolve } from 'node:path';
import type { FunctionSources } from '../stacks/providers/lambda-function.js';

export interface SourceWatcherOptions {
  /** The functions to watch, read again after every change (a redeploy may add some). */
  readonly sources: () => readonly FunctionSources[];
  /** Rebuilds one function and swaps its code in. */
  readonly rebuild: (functionName: string) => Promise<void>;
  /** Template files; a save redeploys the project. */
  readonly templates: readonly string[];
  readonly redeploy: () => Promise<void>;
  /** One readable line per rebuild or redeploy. */
  readonly log: (line: string) => void;
  /** Saves come in bursts (editors write twice, formatters run): wait this long for quiet. */
  readonly debounceMs?: number;
}

/**
 * The dev loop: watches every function's sources and the templates. A saved source file rebuilds
 * the functions that read it and swaps the new code in (new invocations get new execution
 * environments, in-flight ones finish on the old code); a saved template redeploys the project.
 */
export class SourceWatcher {
  readonly #options: SourceWatcherOptions;
  readonly #watchers: FSWatcher[] = [];
  readonly #pending = new Set<string>();
  #templateChanged = false;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(options: SourceWatcherOptions) {
    this.#options = options;
  }

  /** Starts watching the code directories and templates known now. */
  start(): void {
    const directories = new Set(this.#options.sources().map((source) => source.codeUri));
    for (const directory of directories) {
      this.#watch(directory, true, (file) => this.#sourceChanged(resolve(directory, file)));
    }
    for (const template of this.#options.templates) {
      this.#watch(template, false, () => {
        this.#templateChanged = true;
        this.#schedule();
      });
    }
  }

  close(): void {
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers) watcher.close();
    this.#watchers.length = 0;
  }

  #watch(path: string, recursive: boolean, onChange: (file: string) => void): void {
    try {
      const watcher = watch(path, { recursive, persistent: false }, (_event, file) =>
        onChange(String(file ?? '')),
      );
      watcher.on('error', () => {});
      this.#watchers.push(watcher);
    } catch (error) {
      this.#options.log(`motorcade: cannot watch ${path}: ${(error as Error).message}`);
    }
  }

  #sourceChanged(file: string): void {
    for (const source of this.#options.sources()) {
      const reads = source.inputs.length > 0 ? source.inputs.includes(file) : file.startsWith(source.codeUri);
      if (reads) this.#pending.add(source.functionName);
    }
    if (this.#pending.size > 0) this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.#running.then(() => this.#flush());
    }, this.#options.debounceMs ?? 40);
  }

  async #flush(): Promise<void> {
    if (this.#templateChanged) {
      this.#templateChanged = false;
      this.#pending.clear();
      const started = Date.now();
      try {
        await this.#options.redeploy();
        this.#options.log(`motorcade: template saved, redeployed in ${Date.now() - started} ms`);
      } catch (error) {
        this.#options.log(`motorcade: redeploy failed: ${(error as Error).message}`);
      }
      return;
    }
    const names = [...this.#pending];
    this.#pending.clear();
    for (const name of names) {
      const started = Date.now();
      try {
        await this.#options.rebuild(name);
        this.#options.log(
          `motorcade: ${name.replace(/-[A-Z0-9]{12}$/, '')} rebuilt and swapped in ${Date.now() - started} ms`,
        );
      } catch (error) {
        this.#options.log(`motorcade: ${name} not rebuilt: ${(error as Error).message}`);
      }
    }
  }
}
