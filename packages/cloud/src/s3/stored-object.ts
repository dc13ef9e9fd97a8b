import type { StoredChecksum } from './checksums.js';

/** The system metadata S3 stores with an object and returns as the same response headers. */
export const STORED_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
] as const;
export type StoredHeader = (typeof STORED_HEADERS)[number];

/** What a writer sets on an object besides its bytes. */
export interface ObjectMetadata {
  readonly contentType: string;
  /** User metadata (`x-amz-meta-*`), names lower-cased without the prefix, as S3 returns them. */
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly headers: Readonly<Partial<Record<StoredHeader, string>>>;
}

/** An object as its metadata sidecar keeps it. */
export interface StoredObject extends ObjectMetadata {
  readonly key: string;
  readonly size: number;
  /** MD5 hex in quotes, or `"<md5 of part md5s>-<parts>"` for a multipart object. */
  readonly etag: string;
  /** ISO time, whole seconds as S3's HTTP dates carry no more. */
  readonly lastModified: string;
  readonly checksum?: StoredChecksum;
  /** Number of parts of an object completed from a multipart upload. */
  readonly partsCount?: number;
  /** Name of the file holding the bytes, next to the sidecar; a new file per write. */
  readonly dataFile: string;
}

/** A bucket's own record: when it was made and the configuration its template gave it. */
export interface BucketRecord {
  readonly name: string;
  readonly createdAt: string;
  /** Configuration accepted and recorded, not enforced (versioning, CORS, lifecycle, ...). */
  readonly configuration: Readonly<Record<string, unknown>>;
}
