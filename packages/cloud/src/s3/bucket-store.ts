import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';
import { BucketObjects } from './bucket-objects.js';
import { BucketUploads } from './bucket-uploads.js';
import type { BucketRecord } from './stored-object.js';

/** One bucket: its record, its objects and its multipart uploads in progress. */
export interface Bucket {
  readonly record: BucketRecord;
  readonly objects: BucketObjects;
  readonly uploads: BucketUploads;
}

/**
 * The buckets of one environment under `<stateDir>/s3/<bucket>/`: `bucket.json` (written last on
 * create, so a folder without it is a create that never finished), `objects/` and `uploads/`.
 * Bucket names cannot start with a dot, so `.deleted-*` folders (a delete in progress) never clash.
 */
export class BucketStore {
  readonly #root: string;
  readonly #buckets = new Map<string, Bucket>();

  constructor(root: string) {
    this.#root = root;
  }

  load(): void {
    this.#buckets.clear();
    mkdirSync(this.#root, { recursive: true });
    for (const entry of readdirSync(this.#root)) {
      const folder = join(this.#root, entry);
      if (entry.startsWith('.') || !existsSync(join(folder, 'bucket.json'))) {
        rmSync(folder, { recursive: true, force: true });
        continue;
      }
      const record = JSON.parse(readFileSync(join(folder, 'bucket.json'), 'utf8')) as BucketRecord;
      this.#buckets.set(record.name, this.#open(record));
    }
  }

  /** Every bucket, by name (as ListBuckets orders them). */
  list(): Bucket[] {
    return [...this.#buckets.values()].sort((a, b) => (a.record.name < b.record.name ? -1 : 1));
  }

  get(name: string): Bucket | undefined {
    return this.#buckets.get(name);
  }

  create(name: string, configuration: Readonly<Record<string, unknown>> = {}): Bucket {
    const record: BucketRecord = { name, createdAt: new Date().toISOString(), configuration };
    const bucket = this.#open(record);
    writeFileAtomicSync(join(this.#root, name, 'bucket.json'), JSON.stringify(record));
    this.#buckets.set(name, bucket);
    return bucket;
  }

  /** Records new configuration for an existing bucket (its objects are untouched). */
  configure(name: string, configuration: Readonly<Record<string, unknown>>): Bucket | undefined {
    const existing = this.#buckets.get(name);
    if (!existing) return undefined;
    const bucket: Bucket = { ...existing, record: { ...existing.record, configuration } };
    writeFileAtomicSync(join(this.#root, name, 'bucket.json'), JSON.stringify(bucket.record));
    this.#buckets.set(name, bucket);
    return bucket;
  }

  /** Removes the bucket and everything in it: renamed away atomically first, then deleted. */
  delete(name: string): void {
    if (!this.#buckets.delete(name)) return;
    const doomed = join(this.#root, `.deleted-${randomUUID()}`);
    renameSync(join(this.#root, name), doomed);
    rm(doomed, { recursive: true, force: true }).catch(() => {});
  }

  #open(record: BucketRecord): Bucket {
    const folder = join(this.#root, record.name);
    return {
      record,
      objects: BucketObjects.open(join(folder, 'objects')),
      uploads: BucketUploads.open(join(folder, 'uploads')),
    };
  }
}
