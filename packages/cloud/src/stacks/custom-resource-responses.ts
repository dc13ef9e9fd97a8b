import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CloudError } from '../errors.js';

/** The body a custom resource PUTs to its ResponseURL, as CloudFormation reads it. */
const responseSchema = z.object({
  Status: z.enum(['SUCCESS', 'FAILED']),
  Reason: z.string().optional(),
  PhysicalResourceId: z.string().optional(),
  StackId: z.string(),
  RequestId: z.string(),
  LogicalResourceId: z.string(),
  NoEcho: z.boolean().optional(),
  Data: z.record(z.string(), z.unknown()).optional(),
});

export type CustomResourceResponse = z.infer<typeof responseSchema>;

/** CloudFormation limits the Data a custom resource returns to 4,096 bytes. */
const MAX_RESPONSE_BYTES = 4096;

interface Pending {
  readonly resolve: (response: CustomResourceResponse) => void;
  readonly reject: (error: Error) => void;
  readonly stackId: string;
  readonly logicalId: string;
}

/** A reply that CloudFormation would not accept (wrong ids, malformed body, too large). */
export class CustomResourceResponseError extends CloudError {
  constructor(message: string) {
    super('CUSTOM_RESOURCE_BAD_RESPONSE', message);
  }
}

/**
 * The ResponseURLs of custom resource requests in flight. The local cloud serves them on the edge
 * (CloudFormation uses a presigned S3 URL); a reply resolves the request that is waiting for it.
 */
export class CustomResourceResponses {
  readonly #pending = new Map<string, Pending>();
  readonly #baseUrl: () => string;

  /** @param baseUrl the edge's URL, e.g. `http://127.0.0.1:4566` (known only after it listens). */
  constructor(baseUrl: () => string) {
    this.#baseUrl = baseUrl;
  }

  /** Opens a ResponseURL for one request; `response` settles when the function replies. */
  expect(
    stackId: string,
    logicalId: string,
  ): { requestId: string; url: string; response: Promise<CustomResourceResponse>; close: () => void } {
    const requestId = randomUUID();
    const response = new Promise<CustomResourceResponse>((resolve, reject) => {
      this.#pending.set(requestId, { resolve, reject, stackId, logicalId });
    });
    return {
      requestId,
      url: `${this.#baseUrl()}/_motorcade/cloudformation/responses/${requestId}`,
      response,
      close: () => this.#pending.delete(requestId),
    };
  }

  /**
   * Takes a reply PUT to a ResponseURL. Returns false when no request waits on that id (it timed
   * out or was answered already); throws when the body is not a reply CloudFormation accepts.
   */
  accept(requestId: string, body: Buffer): boolean {
    const pending = this.#pending.get(requestId);
    if (!pending) return false;
    const fail = (message: string): never => {
      const error = new CustomResourceResponseError(message);
      pending.reject(error);
      this.#pending.delete(requestId);
      throw error;
    };
    if (body.length > MAX_RESPONSE_BYTES) {
      fail(`Response object is too long (${body.length} bytes; the limit is ${MAX_RESPONSE_BYTES})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      fail('Invalid response object: the body is not JSON');
    }
    const parsed = responseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(`Invalid response object: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      return false;
    }
    const reply = parsed.data;
    if (
      reply.RequestId !== requestId ||
      reply.StackId !== pending.stackId ||
      reply.LogicalResourceId !== pending.logicalId
    ) {
      fail('Invalid response object: RequestId, StackId and LogicalResourceId must match the request');
    }
    this.#pending.delete(requestId);
    pending.resolve(reply);
    return true;
  }
}
