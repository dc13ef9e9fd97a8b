import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';
import type { ChecksumAlgorithm, ChecksumType } from './checksums.js';
import type { ObjectMetadata } from './stored-object.js';

/** A multipart upload in progress, as `upload.json` keeps it. */
export interface UploadRecord {
  readonly uploadId: string;
  readonly key: string;
  readonly initiated: string;
  readonly metadata: ObjectMetadata;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: ChecksumType;
}

/** One uploaded part, as its sidecar keeps it. */
export interface PartRecord {
  readonly partNumber: number;
  readonly size: number;
  /** MD5 hex in quotes. */
  readonly etag: string;
  readonly lastModified: string;
  /** Base64 checksum of the part in the upload's algorithm. */
  readonly checksum?: string;
  readonly dataFile: string;
}

export interface Upload {
  readonly record: UploadRecord;
  readonly parts: Map<number, PartRecord>;
}

/**
 * The multipart uploads in progress in one bucket: a folder per upload holding `upload.json`,
 * a data file and a sidecar per part. Parts are committed as objects are (bytes first, then the
 * sidecar atomically), so an upload survives a restart with every part that was acknowledged.
 */
export class BucketUploads {
  readonly #dir: string;
  readonly #uploads = new Map<string, Upload>();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  static open(dir: string): BucketUploads {
    mkdirSync(dir, { recursive: true });
    const uploads = new BucketUploads(dir);
    for (const entry of readdirSync(dir)) {
      const folder = join(dir, entry);
      if (entry.startsWith('.deleted-') || !existsSync(join(folder, 'upload.json'))) {
        rmSync(folder, { recursive: true, force: true });
        continue;
      }
      const record = JSON.parse(readFileSync(join(folder, 'upload.json'), 'utf8')) as UploadRecord;
      const parts = new Map<number, PartRecord>();
      const files = readdirSync(folder);
      for (const file of files.filter((name) => /^part-\d+\.json$/.test(name))) {
        const part = JSON.parse(readFileSync(join(folder, file), 'utf8')) as PartRecord;
        parts.set(part.partNumber, part);
      }
      const referenced = new Set([...parts.values()].map((part) => part.dataFile));
      for (const file of files) {
        if (file.endsWith('.tmp') || (file.endsWith('.part') && !referenced.has(file)))
          rmSync(join(folder, file), { force: true });
      }
      uploads.#uploads.set(record.uploadId, { record, parts });
    }
    return uploads;
  }

  get count(): number {
    return this.#uploads.size;
  }

  create(record: Omit<UploadRecord, 'uploadId'>): UploadRecord {
    // Upload ids are opaque to clients; base64url keeps them safe as folder names.
    const full: UploadRecord = { ...record, uploadId: randomBytes(24).toString('base64url') };
    mkdirSync(join(this.#dir, full.uploadId), { recursive: true });
    writeFileAtomicSync(join(this.#dir, full.uploadId, 'upload.json'), JSON.stringify(full));
    this.#uploads.set(full.uploadId, { record: full, parts: new Map() });
    return full;
  }

  get(uploadId: string): Upload | undefined {
    return this.#uploads.get(uploadId);
  }

  list(): Upload[] {
    return [...this.#uploads.values()];
  }

  /** Stores a part; undefined when the upload was aborted or completed while its bytes were written. */
  async writePart(
    upload: Upload,
    data: Buffer,
    part: Omit<PartRecord, 'dataFile'>,
  ): Promise<PartRecord | undefined> {
    const folder = join(this.#dir, upload.record.uploadId);
    const dataFile = `${part.partNumber}-${randomUUID()}.part`;
    try {
      await writeFile(join(folder, dataFile), data);
    } catch (error) {
      if (this.#uploads.get(upload.record.uploadId) !== upload) return undefined;
      throw error;
    }
    if (this.#uploads.get(upload.record.uploadId) !== upload) {
      await rm(join(folder, dataFile), { force: true });
      return undefined;
    }
    const record: PartRecord = { ...part, dataFile };
    writeFileAtomicSync(join(folder, `part-${part.partNumber}.json`), JSON.stringify(record));
    const previous = upload.parts.get(part.partNumber);
    upload.parts.set(part.partNumber, record);
    if (previous) rm(join(folder, previous.dataFile), { force: true }).catch(() => {});
    return record;
  }

  partPath(upload: Upload, part: PartRecord): string {
    return join(this.#dir, upload.record.uploadId, part.dataFile);
  }

  /** Forgets the upload at once (its folder is renamed away atomically, then removed). */
  remove(uploadId: string): void {
    if (!this.#uploads.delete(uploadId)) return;
    const doomed = join(this.#dir, `.deleted-${randomUUID()}`);
    renameSync(join(this.#dir, uploadId), doomed);
    rm(doomed, { recursive: true, force: true }).catch(() => {});
  }
}
