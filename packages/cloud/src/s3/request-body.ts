import { createHash } from 'node:crypto';
import type { EdgeRequest } from '../edge/edge-route.js';
import { decodeAwsChunked } from './aws-chunked.js';
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  checksumHeaderName,
  computeChecksum,
  parseChecksumAlgorithm,
} from './checksums.js';
import { s3Errors } from './s3-errors.js';

/** The largest object body one request may carry locally (S3's single PUT allows 5 GB). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** An upload's bytes, decoded and checked. */
export interface UploadBody {
  readonly data: Buffer;
  /** The checksum the client sent (header or trailer) or asked for, verified against the bytes. */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
  /** `Content-Encoding` without `aws-chunked`, stored with the object as S3 does. */
  readonly contentEncoding?: string;
}

/**
 * Reads a PutObject/UploadPart body as S3 does: decodes `aws-chunked` (what the SDK sends for
 * streams, with a `x-amz-checksum-*` trailer), then checks `x-amz-content-sha256`, `Content-MD5`
 * and the flexible checksum against the bytes — a mismatch is refused and nothing is stored.
 * Checksums in a presigned URL's query string are ignored, as S3 ignores them (the SDK signs the
 * checksum of an empty body into such URLs).
 */
export function readUploadBody(request: EdgeRequest): UploadBody {
  const headers = request.headers;
  const encodings = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  const contentSha256 = String(headers['x-amz-content-sha256'] ?? '');
  const chunked = encodings.includes('aws-chunked') || contentSha256.startsWith('STREAMING-');
  let data = request.body;
  let trailers: Readonly<Record<string, string>> = {};
  if (chunked) {
    ({ data, trailers } = decodeAwsChunked(request.body));
    const declared = headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== data.length) throw s3Errors.incompleteBody();
  } else if (/^[0-9a-f]{64}$/.test(contentSha256)) {
    const computed = createHash('sha256').update(data).digest('hex');
    if (computed !== contentSha256) throw s3Errors.contentSha256Mismatch(contentSha256, computed);
  }
  if (data.length > MAX_UPLOAD_BYTES) throw s3Errors.entityTooLarge(data.length, MAX_UPLOAD_BYTES);
  checkContentMd5(headers['content-md5'], data);
  const contentEncoding = encodings.filter((value) => value !== 'aws-chunked').join(',');
  const checksum = verifiedChecksum(request, trailers, data);
  return {
    data,
    ...(checksum ? { checksum } : {}),
    ...(contentEncoding ? { contentEncoding } : {}),
  };
}

function checkContentMd5(header: string | string[] | undefined, data: Buffer): void {
  if (typeof header !== 'string') return;
  const expected = Buffer.from(header, 'base64');
  if (expected.length !== 16 || expected.toString('base64') !== header) throw s3Errors.invalidDigest(header);
  const calculated = createHash('md5').update(data).digest();
  if (!calculated.equals(expected)) throw s3Errors.badContentMd5(header, calculated.toString('base64'));
}

function verifiedChecksum(
  request: EdgeRequest,
  trailers: Readonly<Record<string, string>>,
  data: Buffer,
): UploadBody['checksum'] {
  const headers = request.headers;
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const name = checksumHeaderName(algorithm);
    const given = trailers[name] ?? headers[name];
    if (typeof given !== 'string') continue;
    const computed = computeChecksum(algorithm, data);
    if (computed !== undefined && computed !== given) throw s3Errors.badDigest(algorithm);
    return { algorithm, value: given };
  }
  // An algorithm named without a value: S3 computes the checksum itself.
  const named = headers['x-amz-sdk-checksum-algorithm'] ?? headers['x-amz-checksum-algorithm'];
  const algorithm = typeof named === 'string' ? parseChecksumAlgorithm(named) : undefined;
  const value = algorithm ? computeChecksum(algorithm, data) : undefined;
  return algorithm && value ? { algorithm, value } : undefined;
}
