import { createHash } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnvironmentContext, LocalService } from '../cloud-service.js';
import type { ServiceFactory } from '../environment.js';
import type { ResourceProvider } from '../stacks/resource-provider.js';
import { bucketNameProblem } from './bucket-name.js';
import { bucketProvider } from './bucket-provider.js';
import { type Bucket, BucketStore } from './bucket-store.js';
import type { StoredChecksum } from './checksums.js';
import { type PresignOptions, presignUrl } from './presigned-url.js';
import { s3Errors } from './s3-errors.js';
import type { BucketRecord, ObjectMetadata, StoredHeader, StoredObject } from './stored-object.js';

/** Every environment's secret access key; the access key id is `motorcade-<env>`. */
export const S3_SECRET_ACCESS_KEY = 'motorcade';
const MAX_KEY_BYTES = 1024;

/** What a writer may set on an object besides its bytes. */
export interface PutObjectOptions {
  readonly contentType?: string;
  /** User metadata (sent as `x-amz-meta-<name>`). */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Partial<Record<StoredHeader, string>>>;
  /** A checksum already verified against the bytes, stored and echoed to readers. */
  readonly checksum?: StoredChecksum;
}

/**
 * S3 in one environment: buckets and objects on disk under `<stateDir>/s3`, the
 * `AWS::S3::Bucket` provider, and a small in-process API (put, get, presign, ...) for code of the
 * local cloud that needs objects without going through HTTP. The edge routes call the same object.
 * @example
 * const s3 = env.service<S3Service>('s3');
 * await s3.putObject('my-bucket', 'a.json', '{}', { contentType: 'application/json' });
 * const url = s3.presign('GET', 'my-bucket', 'a.json', 60);
 */
export class S3Service implements LocalService {
  readonly context: EnvironmentContext;
  readonly store: BucketStore;

  constructor(context: EnvironmentContext) {
    this.context = context;
    this.store = new BucketStore(join(context.stateDir, 's3'));
  }

  /** The access key id that signs for this environment. */
  get accessKeyId(): string {
    return `motorcade-${this.context.name}`;
  }

  providers(): Readonly<Record<string, ResourceProvider>> {
    return { 'AWS::S3::Bucket': bucketProvider(this) };
  }

  async load(): Promise<void> {
    this.store.load();
  }

  async close(): Promise<void> {}

  listBuckets(): BucketRecord[] {
    return this.store.list().map((bucket) => bucket.record);
  }

  /** Creates a bucket; S3's `InvalidBucketName` or `BucketAlreadyOwnedByYou` when it cannot. */
  createBucket(name: string, configuration: Readonly<Record<string, unknown>> = {}): BucketRecord {
    if (bucketNameProblem(name)) throw s3Errors.invalidBucketName(name);
    if (this.store.get(name)) throw s3Errors.bucketAlreadyOwnedByYou(name);
    return this.store.create(name, configuration).record;
  }

  /** Deletes an empty bucket (its unfinished multipart uploads go with it, as on S3). */
  deleteBucket(name: string): void {
    const bucket = this.bucket(name);
    if (bucket.objects.count > 0) throw s3Errors.bucketNotEmpty(name);
    this.store.delete(name);
  }

  /** The bucket, or S3's `NoSuchBucket`. */
  bucket(name: string): Bucket {
    const bucket = this.store.get(name);
    if (!bucket) throw s3Errors.noSuchBucket(name);
    return bucket;
  }

  /** Stores an object (replacing any object of that key) and returns what was stored. */
  async putObject(
    bucketName: string,
    key: string,
    body: Buffer | string,
    options: PutObjectOptions = {},
  ): Promise<StoredObject> {
    const bucket = this.bucket(bucketName);
    checkKey(key);
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    return bucket.objects.write(data, {
      key,
      size: data.length,
      etag: `"${createHash('md5').update(data).digest('hex')}"`,
      lastModified: nowToTheSecond(),
      ...metadataOf(options),
      ...(options.checksum ? { checksum: options.checksum } : {}),
    });
  }

  /** An object's record, or S3's `NoSuchKey`. */
  headObject(bucketName: string, key: string): StoredObject {
    const object = this.bucket(bucketName).objects.get(key);
    if (!object) throw s3Errors.noSuchKey(key);
    return object;
  }

  /** An object's bytes (or the inclusive byte range `start`..`end`) and record. */
  async getObject(
    bucketName: string,
    key: string,
    range?: { readonly start: number; readonly end: number },
  ): Promise<{ object: StoredObject; body: Buffer }> {
    const bucket = this.bucket(bucketName);
    const object = this.headObject(bucketName, key);
    const { record, data } = await bucket.objects.read(object, range?.start, range?.end);
    return { object: record, body: data };
  }

  /** Deletes an object; deleting a key that does not exist succeeds, as on S3. */
  deleteObject(bucketName: string, key: string): void {
    this.bucket(bucketName).objects.delete(key);
  }

  /** The records of every object whose key starts with `prefix`, in key order. */
  listObjects(bucketName: string, prefix = ''): StoredObject[] {
    const objects = this.bucket(bucketName).objects;
    return objects
      .sortedKeys()
      .filter((key) => key.startsWith(prefix))
      .map((key) => objects.get(key) as StoredObject);
  }

  /**
   * Copies an object; with `metadata` the copy gets it (MetadataDirective REPLACE), else it keeps
   * the source's. Copying an object onto itself without new metadata is refused, as on S3.
   */
  async copyObject(
    source: { readonly bucket: string; readonly key: string },
    target: { readonly bucket: string; readonly key: string },
    metadata?: PutObjectOptions,
  ): Promise<StoredObject> {
    const from = this.bucket(source.bucket);
    const object = this.headObject(source.bucket, source.key);
    const to = this.bucket(target.bucket);
    checkKey(target.key);
    if (!metadata && source.bucket === target.bucket && source.key === target.key) {
      throw s3Errors.invalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    const file = to.objects.newDataFile();
    await copyFile(from.objects.dataPath(object), file.path);
    const etag = object.partsCount
      ? `"${createHash('md5')
          .update((await from.objects.read(object)).data)
          .digest('hex')}"`
      : object.etag;
    const checksum = object.checksum?.type === 'FULL_OBJECT' ? object.checksum : undefined;
    return to.objects.commit({
      key: target.key,
      size: object.size,
      etag,
      lastModified: nowToTheSecond(),
      ...(metadata
        ? metadataOf(metadata)
        : { contentType: object.contentType, userMetadata: object.userMetadata, headers: object.headers }),
      ...(checksum ? { checksum } : {}),
      dataFile: file.name,
    });
  }

  /**
   * A presigned path-style URL on the edge for this environment's credentials, as
   * `@aws-sdk/s3-request-presigner` would make it (e.g. to hand a browser an upload URL).
   */
  presign(method: PresignOptions['method'], bucket: string, key: string, expiresInSeconds = 900): string {
    return presignUrl({
      method,
      endpoint: this.context.edgeUrl(),
      bucket,
      key,
      accessKeyId: this.accessKeyId,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      region: this.context.region,
      expiresInSeconds,
    });
  }
}

/** Registers S3 with each environment; the lead wires it into `LocalCloud.start({ services })`. */
export const s3Service: ServiceFactory = { name: 's3', create: (context) => new S3Service(context) };

/** S3's keys are 1 to 1,024 bytes of UTF-8. */
export function checkKey(key: string): void {
  const size = Buffer.byteLength(key);
  if (size > MAX_KEY_BYTES) throw s3Errors.keyTooLong(size);
  if (size === 0) throw s3Errors.invalidArgument('Object key must not be empty', 'key', key);
}

/** S3's Last-Modified has whole seconds; storing them keeps If-Modified-Since exact. */
export function nowToTheSecond(): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
}

export function metadataOf(options: PutObjectOptions): ObjectMetadata {
  return {
    contentType: options.contentType ?? 'application/octet-stream',
    userMetadata: Object.fromEntries(
      Object.entries(options.metadata ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
    headers: { ...options.headers },
  };
}
