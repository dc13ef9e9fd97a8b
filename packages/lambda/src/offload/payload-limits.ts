import { ConfigurationError } from '../errors/lambda-library-error.js';

/** Lambda's limit of a synchronous request or response: 6 MB. */
export const LAMBDA_SYNC_LIMIT_BYTES = 6 * 1024 * 1024;
/** Lambda's limit of an asynchronous (`Event`) request: 1 MB. */
export const LAMBDA_ASYNC_LIMIT_BYTES = 1024 * 1024;
/** The environment variable that lowers the limit (tests, or to keep headroom). */
export const PAYLOAD_LIMIT_ENV = 'MOTORCADE_PAYLOAD_LIMIT_BYTES';
/** The environment variable naming the bucket offloaded payloads go to. */
export const OFFLOAD_BUCKET_ENV = 'OFFLOAD_BUCKET';

/**
 * The size above which a synchronous payload (request or response) is offloaded to S3:
 * `MOTORCADE_PAYLOAD_LIMIT_BYTES` when set (it may only lower Lambda's 6 MB), else 6 MB.
 * @example
 * if (Buffer.byteLength(json) > payloadLimitBytes()) envelope = await offloadPayload(json);
 */
export function payloadLimitBytes(): number {
  const raw = process.env[PAYLOAD_LIMIT_ENV];
  if (raw === undefined || raw === '') return LAMBDA_SYNC_LIMIT_BYTES;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > LAMBDA_SYNC_LIMIT_BYTES) {
    throw new ConfigurationError(
      `${PAYLOAD_LIMIT_ENV} must be a whole number of bytes from 1 to ${LAMBDA_SYNC_LIMIT_BYTES}, not "${raw}"`,
    );
  }
  return value;
}

/**
 * The size above which an asynchronous request is offloaded: the lower of the sync limit and 1 MB.
 * @example
 * const limit = asyncPayloadLimitBytes(); // 1048576 unless configured lower
 */
export function asyncPayloadLimitBytes(): number {
  return Math.min(payloadLimitBytes(), LAMBDA_ASYNC_LIMIT_BYTES);
}
