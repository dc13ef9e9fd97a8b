import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * An append-only file of JSON records, one per line: the local cloud's durable state (queues,
 * pending async invocations, ...). `append` writes synchronously before returning, so a record
 * that was appended survives a kill -9 of the process (the kernel has it); it is not fsynced,
 * so a power cut may lose the last records — the trade a development cloud makes for speed.
 * A torn last line (the process died mid-write) is ignored on replay.
 */
export class Journal<T> {
  readonly #file: string;
  #fd: number;
  #appended = 0;
  #closed = false;

  private constructor(file: string) {
    this.#file = file;
    mkdirSync(dirname(file), { recursive: true });
    this.#fd = openSync(file, 'a');
  }

  /** Opens (or creates) the journal and returns it with every complete record it holds, oldest first. */
  static open<T>(file: string): { journal: Journal<T>; records: T[] } {
    const records: T[] = [];
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        // Only the last line can be torn; anything after it was never acknowledged.
        break;
      }
    }
    const journal = new Journal<T>(file);
    journal.#appended = records.length;
    return { journal, records };
  }

  /** Records appended since the journal was opened or last rewritten (a hint for compaction). */
  get length(): number {
    return this.#appended;
  }

  append(record: T): void {
    writeSync(this.#fd, `${JSON.stringify(record)}\n`);
    this.#appended += 1;
  }

  /** Replaces the whole journal with `records` (compaction), atomically. */
  rewrite(records: readonly T[]): void {
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    closeSync(this.#fd);
    renameSync(temporary, this.#file);
    this.#fd = openSync(this.#file, 'a');
    this.#appended = records.length;
  }

  /** Closes the file; closing twice is harmless. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}
