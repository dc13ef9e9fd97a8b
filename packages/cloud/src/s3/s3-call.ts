import type { EdgeRequest, EdgeResponse } from '../edge/edge-route.js';
import { CloudError } from '../errors.js';
import { S3Error } from './s3-errors.js';
import type { S3Service } from './s3-service.js';
import { type XmlValue, xmlDocument } from './s3-xml.js';

/** One S3 API request, resolved to its environment's S3 and to bucket and key. */
export interface S3Call {
  readonly request: EdgeRequest;
  readonly s3: S3Service;
  /** Empty for service-level requests (ListBuckets). */
  readonly bucket: string;
  /** Empty for bucket-level requests. */
  readonly key: string;
  /** Whether the request came with query-string authentication (and passed it). */
  readonly presigned: boolean;
}

/** A successful XML response. */
export function xmlResponse(
  root: string,
  body: Record<string, XmlValue>,
  headers: Record<string, string> = {},
  status = 200,
): EdgeResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml', ...headers },
    body: xmlDocument(root, body),
  };
}

/** S3's request ids: 16 upper-case hex characters, and a longer opaque host id. */
export function newRequestIds(): { requestId: string; hostId: string } {
  const requestId = Array.from({ length: 16 }, () => '0123456789ABCDEF'[Math.floor(Math.random() * 16)]).join(
    '',
  );
  return { requestId, hostId: Buffer.from(`motorcade-${requestId}`).toString('base64') };
}

/**
 * S3's error document (`<Error><Code>…</Code><Message>…</Message>…<RequestId>…</RequestId>
 * </Error>`) with its status; anything that is not an S3 error is an `InternalError` 500 that
 * names the local cloud's own failure.
 */
export function s3ErrorResponse(error: unknown, ids: { requestId: string; hostId: string }): EdgeResponse {
  const s3Error =
    error instanceof S3Error
      ? error
      : error instanceof CloudError
        ? new S3Error('InternalError', 500, `The local cloud failed: ${error.message}`)
        : new S3Error(
            'InternalError',
            500,
            `We encountered an internal error. Please try again. (${String(error)})`,
          );
  return {
    status: s3Error.statusCode,
    headers: { 'content-type': 'application/xml' },
    body: xmlDocument(
      'Error',
      {
        Code: s3Error.type,
        Message: s3Error.message,
        ...s3Error.fields,
        RequestId: ids.requestId,
        HostId: ids.hostId,
      },
      false,
    ),
  };
}
