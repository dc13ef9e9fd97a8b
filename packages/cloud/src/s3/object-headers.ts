import type { IncomingHttpHeaders } from 'node:http';
import { checksumHeaderName } from './checksums.js';
import type { PutObjectOptions } from './s3-service.js';
import { STORED_HEADERS, type StoredHeader, type StoredObject } from './stored-object.js';

const META_PREFIX = 'x-amz-meta-';

/**
 * What a PUT, a CreateMultipartUpload or a CopyObject with `REPLACE` sets on the object: its
 * content type, `x-amz-meta-*` user metadata and the system headers S3 stores. For presigned
 * requests, `x-amz-meta-*` hoisted into the query string by the presigner count as headers.
 */
export function objectOptionsFromHeaders(
  headers: IncomingHttpHeaders,
  query?: URLSearchParams,
): PutObjectOptions {
  const metadata: Record<string, string> = {};
  for (const [name, value] of query ?? []) {
    if (name.toLowerCase().startsWith(META_PREFIX))
      metadata[name.slice(META_PREFIX.length).toLowerCase()] = value;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(META_PREFIX) && value !== undefined)
      metadata[name.slice(META_PREFIX.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  const stored: Partial<Record<StoredHeader, string>> = {};
  for (const name of STORED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value !== '') stored[name] = value;
  }
  const contentType = headers['content-type'];
  return { ...(contentType ? { contentType } : {}), metadata, headers: stored };
}

/** The headers GetObject and HeadObject answer with for an object. */
export function objectResponseHeaders(object: StoredObject, withChecksum: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': new Date(object.lastModified).toUTCString(),
    'x-amz-server-side-encryption': 'AES256',
  };
  for (const [name, value] of Object.entries(object.headers)) headers[name] = value;
  for (const [name, value] of Object.entries(object.userMetadata)) headers[`${META_PREFIX}${name}`] = value;
  if (withChecksum && object.checksum) {
    headers[checksumHeaderName(object.checksum.algorithm)] = object.checksum.value;
    headers['x-amz-checksum-type'] = object.checksum.type;
  }
  return headers;
}
