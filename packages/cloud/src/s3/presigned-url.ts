import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { s3Errors } from './s3-errors.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** S3's longest presigned URL lifetime: seven days. */
export const MAX_PRESIGN_SECONDS = 604_800;

/** The SigV4 query parameters of a presigned URL. */
export interface PresignedQuery {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly scope: string;
  readonly amzDate: string;
  readonly expires: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Whether a request carries query-string authentication (a presigned URL). */
export function isPresigned(query: URLSearchParams): boolean {
  return query.has('X-Amz-Signature') || query.get('X-Amz-Algorithm') === ALGORITHM;
}

/** Reads the presigned URL's parameters, refusing missing or malformed ones as S3 does. */
export function parsePresignedQuery(query: URLSearchParams): PresignedQuery {
  const algorithm = query.get('X-Amz-Algorithm');
  const credential = query.get('X-Amz-Credential');
  const amzDate = query.get('X-Amz-Date');
  const expires = query.get('X-Amz-Expires');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  if (!algorithm || !credential || !amzDate || !expires || !signedHeaders || !signature) {
    throw s3Errors.authorizationQueryParameters(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (algorithm !== ALGORITHM) {
    throw s3Errors.authorizationQueryParameters(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  }
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw s3Errors.authorizationQueryParameters(
      `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
    );
  }
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (!/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw s3Errors.authorizationQueryParameters(
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
    );
  }
  if (!/^\d+$/.test(expires) || Number(expires) > MAX_PRESIGN_SECONDS) {
    throw s3Errors.authorizationQueryParameters(
      `X-Amz-Expires must be less than a week (in seconds) that is; ${MAX_PRESIGN_SECONDS}`,
    );
  }
  return {
    accessKeyId,
    date,
    region,
    service,
    scope: `${date}/${region}/${service}/aws4_request`,
    amzDate,
    expires,
    signedHeaders: signedHeaders.split(';'),
    signature,
  };
}

export interface PresignedRequest {
  readonly method: string;
  /** The path exactly as it arrived (still percent-encoded): SigV4 for S3 signs it as sent. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Checks a presigned request as S3 does: not expired (X-Amz-Date + X-Amz-Expires), credential
 * scoped to this region and `s3`, and the signature recomputed with `secretAccessKey` over the
 * canonical request (payload `UNSIGNED-PAYLOAD`, the signed headers including `host`).
 */
export function verifyPresignedRequest(
  request: PresignedRequest,
  presigned: PresignedQuery,
  secretAccessKey: string,
  region: string,
  now: Date = new Date(),
): void {
  const signedAt = parseAmzDate(presigned.amzDate);
  const expiresAt = new Date(signedAt.getTime() + Number(presigned.expires) * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    throw s3Errors.requestExpired(presigned.expires, isoSeconds(expiresAt), isoSeconds(now));
  }
  if (presigned.region !== region) {
    throw s3Errors.authorizationQueryParameters(
      `Error parsing the X-Amz-Credential parameter; the region '${presigned.region}' is wrong; expecting '${region}'`,
      { Region: region },
    );
  }
  if (presigned.service !== 's3') {
    throw s3Errors.authorizationQueryParameters(
      `Error parsing the X-Amz-Credential parameter; incorrect service "${presigned.service}". This endpoint belongs to "s3".`,
    );
  }
  const key = signingKey(secretAccessKey, presigned.date, presigned.region, presigned.service);
  const candidates = [request.rawPath, canonicalPath(safeDecode(request.rawPath))];
  let canonical = '';
  let stringToSign = '';
  for (const path of new Set(candidates)) {
    canonical = canonicalRequest(request, path, presigned.signedHeaders);
    stringToSign = [ALGORITHM, presigned.amzDate, presigned.scope, sha256Hex(canonical)].join('\n');
    if (sameSignature(hmac(key, stringToSign).toString('hex'), presigned.signature)) return;
  }
  throw s3Errors.signatureDoesNotMatch({
    AWSAccessKeyId: presigned.accessKeyId,
    StringToSign: stringToSign,
    SignatureProvided: presigned.signature,
    CanonicalRequest: canonical,
  });
}

export interface PresignOptions {
  readonly method: 'GET' | 'PUT' | 'HEAD' | 'DELETE';
  /** The endpoint, e.g. the edge URL `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly key: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly expiresInSeconds: number;
  readonly now?: Date;
}

/** A presigned path-style URL, as `@aws-sdk/s3-request-presigner` makes it (signed header: host). */
export function presignUrl(options: PresignOptions): string {
  const now = options.now ?? new Date();
  const amzDate = `${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const date = amzDate.slice(0, 8);
  const scope = `${date}/${options.region}/s3/aws4_request`;
  const endpoint = new URL(options.endpoint);
  const rawPath = `/${uriEncode(options.bucket)}/${options.key.split('/').map(uriEncode).join('/')}`;
  const query = new URLSearchParams({
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
    'X-Amz-Credential': `${options.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(Math.min(options.expiresInSeconds, MAX_PRESIGN_SECONDS)),
    'X-Amz-SignedHeaders': 'host',
  });
  const canonical = canonicalRequest(
    { method: options.method, rawPath, query, headers: { host: endpoint.host } },
    rawPath,
    ['host'],
  );
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = signingKey(options.secretAccessKey, date, options.region, 's3');
  query.set('X-Amz-Signature', hmac(key, stringToSign).toString('hex'));
  return `${endpoint.origin}${rawPath}?${canonicalQuery(query, true)}`;
}

function canonicalRequest(request: PresignedRequest, path: string, signedHeaders: readonly string[]): string {
  const headers = signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}\n`).join('');
  return [
    request.method,
    path,
    canonicalQuery(request.query, false),
    headers,
    signedHeaders.join(';'),
    request.query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
}

/** Every parameter but the signature, names and values encoded as SigV4 wants, sorted by name then value. */
function canonicalQuery(query: URLSearchParams, withSignature: boolean): string {
  return [...query.entries()]
    .filter(([name]) => withSignature || name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function headerValue(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

/** The path as SigV4 encodes it when a client sent it in another (still valid) encoding. */
function canonicalPath(decoded: string): string {
  return decoded.split('/').map(uriEncode).join('/');
}

/** RFC 3986 encoding, as SigV4 requires: everything but `A-Za-z0-9-._~`. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const dateKey = hmac(`AWS4${secret}`, date);
  return hmac(hmac(hmac(dateKey, region), service), 'aws4_request');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function sameSignature(computed: string, provided: string): boolean {
  const a = Buffer.from(computed);
  const b = Buffer.from(provided.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseAmzDate(value: string): Date {
  return new Date(
    `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`,
  );
}

/** S3 writes times in error documents as `2024-01-01T00:00:00Z`. */
function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
