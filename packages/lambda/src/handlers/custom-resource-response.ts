import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';

/** CloudFormation refuses a response body over 4,096 bytes. */
const MAX_RESPONSE_BYTES = 4096;
const ATTEMPTS = 3;

/** The parts of a response the handler decides. */
export interface CustomResourceOutcome {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly physicalResourceId: string;
  readonly reason?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly noEcho?: boolean;
}

/**
 * The response CloudFormation expects: the request's ids echoed, the status, a reason, the physical
 * id and data. A reason that would push the body over 4,096 bytes is shortened.
 * @example
 * const body = customResourceResponse(event, { status: 'FAILED', physicalResourceId: 'x', reason: 'boom' });
 */
export function customResourceResponse(
  event: CloudFormationCustomResourceEvent,
  outcome: CustomResourceOutcome,
): CloudFormationCustomResourceResponse {
  const response = {
    Status: outcome.status,
    Reason: outcome.reason ?? '',
    PhysicalResourceId: outcome.physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    ...(outcome.noEcho ? { NoEcho: true } : {}),
    ...(outcome.data ? { Data: { ...outcome.data } } : {}),
  } as CloudFormationCustomResourceResponse;
  const overflow = Buffer.byteLength(JSON.stringify(response)) - MAX_RESPONSE_BYTES;
  if (overflow > 0 && response.Reason) {
    const keep = Math.max(0, Buffer.byteLength(response.Reason) - overflow - 3);
    response.Reason = `${Buffer.from(response.Reason)
      .subarray(0, keep)
      .toString('utf8')
      .replace(/\uFFFD$/, '')}...`;
  }
  return response;
}

/**
 * PUTs the response to the presigned ResponseURL, retrying a failed attempt: this PUT is all that
 * stands between a stack and an hour's wait. No content type: the URL is signed without one.
 * @example
 * await sendCustomResourceResponse(event.ResponseURL, customResourceResponse(event, outcome));
 */
export async function sendCustomResourceResponse(
  responseUrl: string,
  response: CloudFormationCustomResourceResponse,
): Promise<void> {
  const body = Buffer.from(JSON.stringify(response));
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      const result = await fetch(responseUrl, {
        method: 'PUT',
        body,
        headers: { 'content-type': '', 'content-length': String(body.length) },
        signal: AbortSignal.timeout(5_000),
      });
      if (result.ok) return;
      lastError = new Error(`The ResponseURL answered ${result.status}: ${await result.text()}`);
      if (result.status < 500) break;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
  throw new Error('Could not send the custom resource response', { cause: lastError });
}
