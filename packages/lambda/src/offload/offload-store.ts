import { createHash, randomUUID } from 'node:crypto';
import { s3Client } from '../aws/clients.js';
import { OffloadError } from '../errors/invoke-error.js';
import { ConfigurationError } from '../errors/lambda-library-error.js';
import { isOffloadEnvelope, type OffloadEnvelope, offloadEnvelopeSchema } from '../types/offload-envelope.js';
import { OFFLOAD_BUCKET_ENV } from './payload-limits.js';

/** How long a presigned URL of an offloaded payload stays valid. */
const URL_LIFETIME_SECONDS = 15 * 60;
const FETCH_TIMEOUT_MS = 60_000;

/**
 * Stores a payload in the offload bucket (`OFFLOAD_BUCKET`) and returns the envelope that stands in
 * for it: a presigned GET URL, the size, the content type and a SHA-256 of the bytes.
 * @example
 * const envelope = await offloadPayload(JSON.stringify(big), 'application/json');
 */
export async function offloadPayload(
  body: string | Buffer,
  contentType: string,
  bucket = process.env[OFFLOAD_BUCKET_ENV],
): Promise<OffloadEnvelope> {
  if (!bucket) {
    throw new ConfigurationError(
      `A payload is over the Lambda limit and ${OFFLOAD_BUCKET_ENV} is not set: give the function the bucket in its template's Environment`,
    );
  }
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const day = new Date().toISOString().slice(0, 10);
  const key = `motorcade-offload/${day}/${randomUUID()}`;
  try {
    // Loaded here, on the first offload, rather than at every cold start.
    const [{ GetObjectCommand, PutObjectCommand }, { getSignedUrl }, s3] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/s3-request-presigner'),
      s3Client(),
    ]);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: URL_LIFETIME_SECONDS,
    });
    return {
      motorcadeOffload: {
        url,
        size: bytes.length,
        contentType,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    };
  } catch (error) {
    throw new OffloadError(`Could not offload ${bytes.length} bytes to s3://${bucket}/${key}`, {
      cause: error,
    });
  }
}

/**
 * Downloads an offloaded payload and checks its size and SHA-256.
 * @example
 * const { body, contentType } = await fetchOffloaded(envelope);
 */
export async function fetchOffloaded(
  envelope: OffloadEnvelope,
): Promise<{ body: Buffer; contentType: string }> {
  const { url, size, sha256, contentType } = offloadEnvelopeSchema.parse(envelope).motorcadeOffload;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new OffloadError(`Could not fetch the offloaded payload from ${new URL(url).pathname}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    throw new OffloadError(
      `Fetching the offloaded payload answered ${response.status}: ${await response.text()}`,
    );
  }
  const body = Buffer.from(await response.arrayBuffer());
  const digest = createHash('sha256').update(body).digest('hex');
  if (body.length !== size || digest !== sha256) {
    throw new OffloadError(
      `The offloaded payload is damaged: ${body.length} of ${size} bytes, sha256 ${digest}`,
    );
  }
  return { body, contentType };
}

/**
 * The JSON value an envelope stands for (fetched and parsed); any other value unchanged.
 * @example
 * const payload = await resolveOffloaded(JSON.parse(text));
 */
export async function resolveOffloaded(value: unknown): Promise<unknown> {
  if (!isOffloadEnvelope(value)) return value;
  const { body } = await fetchOffloaded(value);
  return JSON.parse(body.toString('utf8'));
}
