import { createHash } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import type { Bucket } from './bucket-store.js';
import type { PartRecord, Upload, UploadRecord } from './bucket-uploads.js';
import {
  type ChecksumAlgorithm,
  ChecksumHasher,
  type ChecksumType,
  compositeChecksum,
  computeChecksum,
  type StoredChecksum,
} from './checksums.js';
import type { UploadBody } from './request-body.js';
import { s3Errors } from './s3-errors.js';
import { checkKey, metadataOf, nowToTheSecond, type PutObjectOptions } from './s3-service.js';
import type { StoredObject } from './stored-object.js';

/** S3's smallest part, except the last. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

/** One entry of a CompleteMultipartUpload request. */
export interface CompletedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly checksum?: string;
}

/** CreateMultipartUpload: a new upload for `key`, with the metadata the object will get. */
export function createMultipartUpload(
  bucket: Bucket,
  key: string,
  options: PutObjectOptions,
  checksum?: { readonly algorithm: ChecksumAlgorithm; readonly type?: ChecksumType },
): UploadRecord {
  checkKey(key);
  return bucket.uploads.create({
    key,
    initiated: new Date().toISOString(),
    metadata: metadataOf(options),
    ...(checksum
      ? {
          checksumAlgorithm: checksum.algorithm,
          checksumType: checksum.type ?? (checksum.algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE'),
        }
      : {}),
  });
}

/** The upload `uploadId` of `key`, or S3's `NoSuchUpload`. */
export function findUpload(bucket: Bucket, key: string, uploadId: string): Upload {
  const upload = bucket.uploads.get(uploadId);
  if (!upload || upload.record.key !== key) throw s3Errors.noSuchUpload(uploadId);
  return upload;
}

/** UploadPart: stores (or replaces) one part, checked against the upload's checksum algorithm. */
export async function uploadPart(
  bucket: Bucket,
  upload: Upload,
  partNumberText: string,
  body: UploadBody,
): Promise<PartRecord> {
  const partNumber = Number(partNumberText);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw s3Errors.invalidArgument(
      'Part number must be an integer between 1 and 10000, inclusive',
      'partNumber',
      partNumberText,
    );
  }
  const expected = upload.record.checksumAlgorithm;
  const given = body.checksum?.algorithm;
  // An upload without an algorithm takes parts with a checksum (verified, not kept): the SDK's
  // default sends CRC32 with every UploadPart, whatever CreateMultipartUpload said.
  const mismatch =
    expected !== undefined &&
    given !== expected &&
    (given !== undefined || upload.record.checksumType === 'COMPOSITE');
  if (mismatch) {
    throw s3Errors.invalidRequest(
      `Checksum Type mismatch occurred, expected checksum Type: ${expected.toLowerCase()}, actual checksum Type: ${given?.toLowerCase() ?? 'null'}`,
    );
  }
  const checksum = expected ? (body.checksum?.value ?? computeChecksum(expected, body.data)) : undefined;
  const part = await bucket.uploads.writePart(upload, body.data, {
    partNumber,
    size: body.data.length,
    etag: `"${createHash('md5').update(body.data).digest('hex')}"`,
    lastModified: new Date().toISOString(),
    ...(checksum ? { checksum } : {}),
  });
  if (!part) throw s3Errors.noSuchUpload(upload.record.uploadId);
  return part;
}

/**
 * CompleteMultipartUpload: checks the list as S3 does (ascending, every part uploaded with that
 * ETag, all but the last at least 5 MiB), joins the parts into the object and gives it S3's
 * multipart ETag, `"<md5 of the part MD5s>-<parts>"`, and the upload's checksum (COMPOSITE:
 * the checksum of the part checksums, `-<parts>`; FULL_OBJECT: of the whole object).
 */
export async function completeMultipartUpload(
  bucket: Bucket,
  upload: Upload,
  requested: readonly CompletedPart[],
): Promise<StoredObject> {
  const { uploadId, key, checksumAlgorithm, checksumType } = upload.record;
  if (requested.length === 0) throw s3Errors.malformedXml();
  const parts: PartRecord[] = [];
  for (const [index, entry] of requested.entries()) {
    if (index > 0 && entry.partNumber <= (requested[index - 1] as CompletedPart).partNumber)
      throw s3Errors.invalidPartOrder(uploadId);
    const part = upload.parts.get(entry.partNumber);
    if (
      !part ||
      unquote(part.etag) !== unquote(entry.etag) ||
      (entry.checksum && entry.checksum !== part.checksum)
    )
      throw s3Errors.invalidPart(uploadId, entry.partNumber, entry.etag);
    parts.push(part);
  }
  for (const part of parts.slice(0, -1)) {
    if (part.size < MIN_PART_BYTES) throw s3Errors.entityTooSmall(part.size, part.partNumber, part.etag);
  }

  const file = bucket.objects.newDataFile();
  const whole =
    checksumAlgorithm && checksumType === 'FULL_OBJECT' ? new ChecksumHasher(checksumAlgorithm) : undefined;
  const md5s = createHash('md5');
  const handle = await open(file.path, 'w');
  try {
    for (const part of parts) {
      const data = await readFile(bucket.uploads.partPath(upload, part));
      await handle.write(data);
      whole?.update(data);
      md5s.update(Buffer.from(unquote(part.etag), 'hex'));
    }
  } catch (error) {
    await handle.close();
    await rm(file.path, { force: true });
    throw error;
  }
  await handle.close();

  let checksum: StoredChecksum | undefined;
  if (checksumAlgorithm && checksumType) {
    const value =
      checksumType === 'FULL_OBJECT'
        ? whole?.digest()?.toString('base64')
        : compositeChecksum(
            checksumAlgorithm,
            parts.map((part) => part.checksum ?? ''),
          );
    if (value) checksum = { algorithm: checksumAlgorithm, value, type: checksumType };
  }
  const object = bucket.objects.commit({
    key,
    size: parts.reduce((total, part) => total + part.size, 0),
    etag: `"${md5s.digest('hex')}-${parts.length}"`,
    lastModified: nowToTheSecond(),
    ...upload.record.metadata,
    ...(checksum ? { checksum } : {}),
    partsCount: parts.length,
    dataFile: file.name,
  });
  bucket.uploads.remove(uploadId);
  return object;
}

function unquote(etag: string): string {
  return etag.trim().replace(/^"|"$/g, '');
}
