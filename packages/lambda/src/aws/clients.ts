import { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { awsClientConfig, usesCustomEndpoint } from './client-settings.js';

// A synchronous Invoke lasts as long as the called function runs (up to 15 minutes), so its request
// timeout is Lambda's maximum; the 1 s connection timeout still catches a dead network at once.
const INVOKE_REQUEST_TIMEOUT_MS = 15 * 60 * 1000;
// Offloaded payloads are megabytes; a 3 s budget would fail large uploads that are merely slow.
const S3_REQUEST_TIMEOUT_MS = 30_000;

let lambda: LambdaClient | undefined;
let s3: Promise<S3Client> | undefined;

/**
 * The environment's Lambda client (created once, reused warm), with {@link awsClientConfig}.
 * @example
 * await lambdaClient().send(new GetFunctionCommand({ FunctionName: name }));
 */
export function lambdaClient(): LambdaClient {
  lambda ??= new LambdaClient(awsClientConfig({ requestTimeoutMs: INVOKE_REQUEST_TIMEOUT_MS }));
  return lambda;
}

/**
 * The environment's S3 client (created once, reused warm), path-style against a local endpoint.
 * The S3 SDK is loaded on first use, not at cold start: most invocations never offload, and it is
 * the heaviest module a function would otherwise load at init (several times the Lambda client).
 * @example
 * await (await s3Client()).send(new HeadObjectCommand({ Bucket, Key }));
 */
export function s3Client(): Promise<S3Client> {
  s3 ??= import('@aws-sdk/client-s3').then(
    ({ S3Client }) =>
      new S3Client({
        ...awsClientConfig({ requestTimeoutMs: S3_REQUEST_TIMEOUT_MS }),
        forcePathStyle: usesCustomEndpoint('S3'),
      }),
  );
  return s3;
}
