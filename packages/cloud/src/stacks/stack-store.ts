import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StackRecord } from './stack-record.js';

/**
 * Keeps deployed stacks under `<stateDir>/stacks/<name>.json`. Writes go to a temporary file
 * and are renamed into place, so a kill -9 mid-write leaves the previous record intact.
 */
export class StackStore {
  readonly #dir: string;
  readonly #records = new Map<string, StackRecord>();

  constructor(stateDir: string) {
    this.#dir = join(stateDir, 'stacks');
  }

  /** Reads every record on disk; call once at start. */
  async load(): Promise<StackRecord[]> {
    await mkdir(this.#dir, { recursive: true });
    const files = (await readdir(this.#dir)).filter((file) => file.endsWith('.json'));
    for (const file of files) {
      const record = JSON.parse(await readFile(join(this.#dir, file), 'utf8')) as StackRecord;
      this.#records.set(record.name, record);
    }
    return [...this.#records.values()];
  }

  get(name: string): StackRecord | undefined {
    return this.#records.get(name);
  }

  list(): StackRecord[] {
    return [...this.#records.values()];
  }

  async save(record: StackRecord): Promise<void> {
    this.#records.set(record.name, record);
    await mkdir(this.#dir, { recursive: true });
    const path = join(this.#dir, `${record.name}.json`);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(record, null, 2));
    await rename(temporary, path);
  }

  async remove(name: string): Promise<void> {
    this.#records.delete(name);
    await rm(join(this.#dir, `${name}.json`), { force: true });
  }
}
