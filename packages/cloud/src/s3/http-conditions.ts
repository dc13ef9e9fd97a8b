import type { IncomingHttpHeaders } from 'node:http';
import { s3Errors } from './s3-errors.js';
import type { StoredObject } from './stored-object.js';

/** An inclusive byte range of an object. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The range a `Range: bytes=...` header asks for, as S3 reads it: `a-b`, `a-` or the suffix `-n`
 * (one range only; S3 serves the whole object for a header it cannot parse or for several
 * ranges). A range that starts past the end is S3's 416 `InvalidRange`.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw s3Errors.invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw s3Errors.invalidRange(header, size);
  return { start, end };
}

/**
 * Evaluates the conditional headers of a GET or HEAD as S3 does (RFC 7232 with S3's
 * precedence): a failed If-Match or If-Unmodified-Since is 412 `PreconditionFailed`; a matching
 * If-None-Match or an unmet If-Modified-Since means 304. If-Match wins over If-Unmodified-Since,
 * and If-None-Match over If-Modified-Since.
 */
export function evaluateConditions(
  headers: IncomingHttpHeaders,
  object: StoredObject,
): 'ok' | 'not-modified' {
  const ifMatch = headers['if-match'];
  const ifUnmodifiedSince = headers['if-unmodified-since'];
  const ifNoneMatch = headers['if-none-match'];
  const ifModifiedSince = headers['if-modified-since'];
  const modified = Date.parse(object.lastModified);
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, object.etag)) throw s3Errors.preconditionFailed('If-Match');
  } else if (ifUnmodifiedSince !== undefined) {
    const since = Date.parse(ifUnmodifiedSince);
    if (!Number.isNaN(since) && modified > since) throw s3Errors.preconditionFailed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, object.etag)) return 'not-modified';
  } else if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    if (!Number.isNaN(since) && modified <= since) return 'not-modified';
  }
  return 'ok';
}

/** Whether a list of entity tags (`"a", "b"`, `W/"a"` or `*`) names `etag`. */
export function etagMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/^"|"$/g, '');
  return list.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === '*' || tag === bare;
  });
}
