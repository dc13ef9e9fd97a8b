import type { EdgeResponse } from '../edge/edge-route.js';
import { type ChecksumAlgorithm, checksumElementName, checksumHeaderName } from './checksums.js';
import { etagMatches, evaluateConditions, parseRange } from './http-conditions.js';
import { objectOptionsFromHeaders, objectResponseHeaders } from './object-headers.js';
import { readUploadBody } from './request-body.js';
import { type S3Call, xmlResponse } from './s3-call.js';
import { s3Errors } from './s3-errors.js';
import type { PutObjectOptions } from './s3-service.js';
import { parseXml, xmlText } from './s3-xml.js';
import type { StoredHeader, StoredObject } from './stored-object.js';

/** GetObject's `response-*` query parameters, which presigned downloads use to set headers. */
const RESPONSE_OVERRIDES: Readonly<Record<string, string>> = {
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
  'response-content-language': 'content-language',
  'response-content-type': 'content-type',
  'response-expires': 'expires',
};

/** PutObject: stores the (decoded, checksum-verified) body; answers with the ETag and checksum. */
export async function putObject(call: S3Call): Promise<EdgeResponse> {
  const { request, s3 } = call;
  const body = readUploadBody(request);
  const existing = s3.bucket(call.bucket).objects.get(call.key);
  const ifNoneMatch = request.headers['if-none-match'];
  const ifMatch = request.headers['if-match'];
  if (ifNoneMatch === '*' && existing) throw s3Errors.preconditionFailed('If-None-Match');
  if (ifMatch !== undefined && (!existing || !etagMatches(ifMatch, existing.etag)))
    throw existing ? s3Errors.preconditionFailed('If-Match') : s3Errors.noSuchKey(call.key);
  const options = withEncoding(
    objectOptionsFromHeaders(request.headers, call.presigned ? request.query : undefined),
    body.contentEncoding,
  );
  const object = await s3.putObject(call.bucket, call.key, body.data, {
    ...options,
    ...(body.checksum ? { checksum: { ...body.checksum, type: 'FULL_OBJECT' } } : {}),
  });
  return { status: 200, headers: writeHeaders(object) };
}

/** GetObject: conditional requests (304/412), one byte range (206/416) and the stored checksum. */
export async function getObject(call: S3Call): Promise<EdgeResponse> {
  const { request, s3 } = call;
  const object = s3.headObject(call.bucket, call.key);
  if (evaluateConditions(request.headers, object) === 'not-modified') return notModified(object);
  const rangeHeader = request.headers.range;
  const range = parseRange(rangeHeader, object.size);
  const { object: current, body } = await s3.getObject(call.bucket, call.key, range);
  const headers = objectResponseHeaders(current, checksumMode(call) && !range);
  for (const [parameter, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value !== null) headers[header] = value;
  }
  if (!range) return { status: 200, headers, body };
  headers['content-range'] = `bytes ${range.start}-${range.start + body.length - 1}/${current.size}`;
  return { status: 206, headers, body };
}

/** HeadObject: GetObject's headers without the body. */
export function headObject(call: S3Call): EdgeResponse {
  const object = call.s3.headObject(call.bucket, call.key);
  if (evaluateConditions(call.request.headers, object) === 'not-modified') return notModified(object);
  // A HEAD answer carries the length of the body a GET would send, and no body.
  return {
    status: 200,
    headers: { ...objectResponseHeaders(object, checksumMode(call)), 'content-length': String(object.size) },
  };
}

/** DeleteObject: 204 whether or not the key existed, as S3 answers. */
export function deleteObject(call: S3Call): EdgeResponse {
  call.s3.deleteObject(call.bucket, call.key);
  return { status: 204 };
}

/** CopyObject: `x-amz-copy-source` (URL-encoded `bucket/key`), `x-amz-metadata-directive` COPY or REPLACE. */
export async function copyObject(call: S3Call): Promise<EdgeResponse> {
  const { request, s3 } = call;
  const source = parseCopySource(String(request.headers['x-amz-copy-source']));
  const sourceObject = s3.headObject(source.bucket, source.key);
  const conditions = evaluateConditions(
    Object.fromEntries(
      ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'].map((name) => [
        name,
        request.headers[`x-amz-copy-source-${name}`] as string | undefined,
      ]),
    ),
    sourceObject,
  );
  if (conditions === 'not-modified') throw s3Errors.preconditionFailed('x-amz-copy-source-If-None-Match');
  const directive = String(request.headers['x-amz-metadata-directive'] ?? 'COPY');
  if (directive !== 'COPY' && directive !== 'REPLACE')
    throw s3Errors.invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  const metadata = directive === 'REPLACE' ? objectOptionsFromHeaders(request.headers) : undefined;
  const object = await s3.copyObject(source, { bucket: call.bucket, key: call.key }, metadata);
  return xmlResponse(
    'CopyObjectResult',
    {
      LastModified: object.lastModified,
      ETag: object.etag,
      ...(object.checksum
        ? {
            ChecksumType: object.checksum.type,
            [checksumElementName(object.checksum.algorithm)]: object.checksum.value,
          }
        : {}),
    },
    { 'x-amz-server-side-encryption': 'AES256' },
  );
}

/** DeleteObjects: up to 1,000 keys; every key is reported deleted (unless Quiet), as S3 does. */
export function deleteObjects(call: S3Call): EdgeResponse {
  const document = parseXml(call.request.body).Delete as Record<string, unknown> | undefined;
  const entries = (document?.Object ?? []) as unknown[];
  if (!document || entries.length === 0 || entries.length > 1000) throw s3Errors.malformedXml();
  const quiet = xmlText(document, 'Quiet')?.trim() === 'true';
  const bucket = call.s3.bucket(call.bucket);
  const deleted: { Key: string }[] = [];
  for (const entry of entries) {
    const key = xmlText(entry, 'Key');
    if (key === undefined) throw s3Errors.malformedXml();
    bucket.objects.delete(key);
    deleted.push({ Key: key });
  }
  return xmlResponse('DeleteResult', quiet ? {} : { Deleted: deleted });
}

function parseCopySource(header: string): { bucket: string; key: string } {
  const withoutVersion = header.split('?versionId=')[0] ?? header;
  let decoded = withoutVersion;
  try {
    decoded = decodeURIComponent(withoutVersion);
  } catch {
    // S3 takes a source that is not valid percent-encoding as it is.
  }
  const path = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) {
    throw s3Errors.invalidArgument('Invalid copy source object key', 'x-amz-copy-source', header);
  }
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

function withEncoding(options: PutObjectOptions, contentEncoding: string | undefined): PutObjectOptions {
  const headers: Partial<Record<StoredHeader, string>> = { ...options.headers };
  if (contentEncoding) headers['content-encoding'] = contentEncoding;
  else delete headers['content-encoding'];
  return { ...options, headers };
}

/** PutObject's and UploadPart's answer: the ETag and, when one was sent, the verified checksum. */
export function writeHeaders(object: {
  readonly etag: string;
  readonly checksum?: {
    readonly algorithm: ChecksumAlgorithm;
    readonly value: string;
    readonly type?: string;
  };
}): Record<string, string> {
  const headers: Record<string, string> = { etag: object.etag, 'x-amz-server-side-encryption': 'AES256' };
  if (object.checksum) {
    headers[checksumHeaderName(object.checksum.algorithm)] = object.checksum.value;
    if (object.checksum.type) headers['x-amz-checksum-type'] = object.checksum.type;
  }
  return headers;
}

function notModified(object: StoredObject): EdgeResponse {
  return {
    status: 304,
    headers: { etag: object.etag, 'last-modified': new Date(object.lastModified).toUTCString() },
  };
}

function checksumMode(call: S3Call): boolean {
  const mode = call.request.headers['x-amz-checksum-mode'] ?? call.request.query.get('x-amz-checksum-mode');
  return String(mode).toUpperCase() === 'ENABLED';
}
