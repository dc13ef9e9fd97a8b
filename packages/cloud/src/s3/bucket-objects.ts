import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';
import type { StoredObject } from './stored-object.js';

/**
 * The objects of one bucket on disk: each object is a data file plus a JSON sidecar named for the
 * SHA-256 of its key (S3 keys can be 1,024 bytes of anything, which no file system path can hold
 * as is). A write puts the bytes in a new data file first and then replaces the sidecar
 * atomically — that rename is the commit — so a kill -9 leaves the old object or the new one,
 * and at worst an unreferenced data file that the next start deletes.
 */
export class BucketObjects {
  readonly #dir: string;
  readonly #index = new Map<string, StoredObject>();
  #sortedKeys: string[] | undefined;

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** Loads the sidecars of `dir` and removes what a crash left half-written. */
  static open(dir: string): BucketObjects {
    mkdirSync(dir, { recursive: true });
    const objects = new BucketObjects(dir);
    const files = readdirSync(dir);
    for (const file of files) {
      if (!file.endsWith('.json')) continue;
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as StoredObject;
      objects.#index.set(record.key, record);
    }
    const referenced = new Set([...objects.#index.values()].map((record) => record.dataFile));
    for (const file of files) {
      if (file.endsWith('.tmp') || (file.endsWith('.data') && !referenced.has(file)))
        unlinkSync(join(dir, file));
    }
    return objects;
  }

  get count(): number {
    return this.#index.size;
  }

  get(key: string): StoredObject | undefined {
    return this.#index.get(key);
  }

  /** Every key in S3's listing order (UTF-8 binary order). */
  sortedKeys(): readonly string[] {
    this.#sortedKeys ??= [...this.#index.keys()].sort(compareUtf8);
    return this.#sortedKeys;
  }

  /** A fresh data file for a write that is committed later (multipart completion streams into it). */
  newDataFile(): { readonly name: string; readonly path: string } {
    const name = `${randomUUID()}.data`;
    return { name, path: join(this.#dir, name) };
  }

  /** Writes the bytes, then commits the object. */
  async write(data: Buffer, record: Omit<StoredObject, 'dataFile'>): Promise<StoredObject> {
    const file = this.newDataFile();
    await writeFile(file.path, data);
    return this.commit({ ...record, dataFile: file.name });
  }

  /** Makes `record` (whose data file is written) the object of its key; the old data file goes. */
  commit(record: StoredObject): StoredObject {
    writeFileAtomicSync(this.#sidecar(record.key), JSON.stringify(record));
    const previous = this.#index.get(record.key);
    this.#index.set(record.key, record);
    if (!previous) this.#sortedKeys = undefined;
    else this.#discard(previous.dataFile);
    return record;
  }

  delete(key: string): boolean {
    const previous = this.#index.get(key);
    if (!previous) return false;
    unlinkSync(this.#sidecar(key));
    this.#index.delete(key);
    this.#sortedKeys = undefined;
    this.#discard(previous.dataFile);
    return true;
  }

  /** Path of an object's bytes (valid until the object is next written). */
  dataPath(record: StoredObject): string {
    return join(this.#dir, record.dataFile);
  }

  /**
   * Reads bytes `start`..`end` (inclusive) of an object. A concurrent overwrite may delete the
   * file under the reader; then the current version is read, as S3 would serve it.
   */
  async read(
    record: StoredObject,
    start = 0,
    end = record.size - 1,
  ): Promise<{ record: StoredObject; data: Buffer }> {
    try {
      return { record, data: await readRange(this.dataPath(record), start, end) };
    } catch (error) {
      const current = this.#index.get(record.key);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !current || current === record) throw error;
      return this.read(current, start, Math.min(end, current.size - 1));
    }
  }

  #sidecar(key: string): string {
    return join(this.#dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  #discard(dataFile: string): void {
    rm(join(this.#dir, dataFile), { force: true }).catch(() => {});
  }
}

async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const length = Math.max(0, end - start + 1);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, start + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return read === length ? buffer : buffer.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/** S3 lists keys in UTF-8 binary order, which differs from JavaScript's UTF-16 order above U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
