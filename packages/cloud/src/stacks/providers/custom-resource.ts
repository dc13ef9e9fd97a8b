import { setTimeout as delay } from 'node:timers/promises';
import { CloudError } from '../../errors.js';
import type { InvokeOptions, InvokeResult } from '../../lambda/types.js';
import type { CustomResourceResponse, CustomResourceResponses } from '../custom-resource-responses.js';
import type {
  ExistingResourceRequest,
  ResourceProvider,
  ResourceRequest,
  ResourceState,
  UpdateResourceRequest,
} from '../resource-provider.js';

/** The part of the Lambda service a custom resource needs. */
export interface FunctionInvoker {
  invoke(nameOrArn: string, payload: Buffer, options?: InvokeOptions): Promise<InvokeResult>;
}

export interface CustomResourceOptions {
  readonly invoker: FunctionInvoker;
  readonly responses: CustomResourceResponses;
  /** Used when the resource has no ServiceTimeout. CloudFormation waits an hour; locally that only hides mistakes. */
  readonly defaultTimeoutSeconds: number;
}

/** A custom resource answered FAILED, did not answer in time, or could not be asked. */
export class CustomResourceError extends CloudError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CUSTOM_RESOURCE_FAILED', message, options);
  }
}

type RequestType = 'Create' | 'Update' | 'Delete';

/** How long to wait for a reply after the function already failed: it may have replied FAILED first. */
const REPLY_GRACE_MS = 250;

/**
 * `Custom::*` and `AWS::CloudFormation::CustomResource`: sends the CloudFormation request to the
 * ServiceToken function and waits for the reply on the ResponseURL.
 */
export class CustomResourceProvider implements ResourceProvider {
  // Custom resources take any properties; ServiceToken is the only one CloudFormation reads.
  readonly properties = new Set<string>(['*']);
  readonly requiredProperties = new Set(['ServiceToken']);
  readonly #options: CustomResourceOptions;

  constructor(options: CustomResourceOptions) {
    this.#options = options;
  }

  async create(request: ResourceRequest): Promise<ResourceState> {
    const reply = await this.#send('Create', request, undefined, undefined);
    return state(reply, request);
  }

  async update(request: UpdateResourceRequest): Promise<ResourceState> {
    if (request.properties.ServiceToken !== request.oldProperties.ServiceToken) {
      throw new CustomResourceError(`${request.logicalId}: Modifying service token is not allowed.`);
    }
    const reply = await this.#send('Update', request, request.physicalId, request.oldProperties);
    return state(reply, request);
  }

  async delete(request: ExistingResourceRequest): Promise<void> {
    await this.#send('Delete', request, request.physicalId, undefined);
  }

  async #send(
    requestType: RequestType,
    request: ResourceRequest,
    physicalId: string | undefined,
    oldProperties: Readonly<Record<string, unknown>> | undefined,
  ): Promise<CustomResourceResponse> {
    const serviceToken = request.properties.ServiceToken;
    if (typeof serviceToken !== 'string' || !serviceToken.startsWith('arn:aws:lambda:')) {
      throw new CustomResourceError(
        `${request.logicalId}: ServiceToken must be a Lambda function ARN (SNS service tokens are not emulated), got ${JSON.stringify(serviceToken)}`,
      );
    }
    const timeoutSeconds = Number(request.properties.ServiceTimeout ?? this.#options.defaultTimeoutSeconds);
    const pending = this.#options.responses.expect(request.stack.stackId, request.logicalId);
    const event: Record<string, unknown> = {
      RequestType: requestType,
      ServiceToken: serviceToken,
      ResponseURL: pending.url,
      StackId: request.stack.stackId,
      RequestId: pending.requestId,
      LogicalResourceId: request.logicalId,
      ResourceType: request.resourceType,
      ResourceProperties: stringifyScalars(request.properties),
    };
    if (physicalId !== undefined) event.PhysicalResourceId = physicalId;
    if (oldProperties !== undefined) event.OldResourceProperties = stringifyScalars(oldProperties);
    const tag = `${request.logicalId} (${request.resourceType}, ${requestType})`;

    const timeout = new AbortController();
    try {
      const invocation = this.#options.invoker
        .invoke(serviceToken, Buffer.from(JSON.stringify(event)), { invocationType: 'RequestResponse' })
        .then(async (result) => {
          if (!result.functionError) return new Promise<never>(() => {});
          await delay(REPLY_GRACE_MS, undefined, { signal: timeout.signal });
          throw new CustomResourceError(
            `${tag}: the custom resource function failed without answering: ${describeFunctionError(result.payload)} (RequestId: ${pending.requestId})`,
          );
        });
      const deadline = delay(timeoutSeconds * 1000, undefined, { signal: timeout.signal }).then(() => {
        throw new CustomResourceError(
          `${tag}: CloudFormation did not receive a response from your Custom Resource within ${timeoutSeconds} s. Please check your logs for requestId [${pending.requestId}].`,
        );
      });
      const reply = await Promise.race([pending.response, invocation, deadline]);
      if (reply.Status === 'FAILED') {
        throw new CustomResourceError(
          `${tag}: Received response status [FAILED] from custom resource. Message returned: ${reply.Reason ?? 'See the details in the function log'} (RequestId: ${pending.requestId})`,
        );
      }
      return reply;
    } catch (error) {
      if (error instanceof CustomResourceError) throw error;
      throw new CustomResourceError(`${tag}: ${(error as Error).message}`, { cause: error });
    } finally {
      timeout.abort();
      pending.close();
    }
  }
}

function state(reply: CustomResourceResponse, request: ResourceRequest): ResourceState {
  if (!reply.PhysicalResourceId) {
    throw new CustomResourceError(
      `${request.logicalId}: Invalid PhysicalResourceId: the custom resource answered SUCCESS without one`,
    );
  }
  return { physicalId: reply.PhysicalResourceId, attributes: reply.Data ?? {} };
}

/** CloudFormation hands every scalar property value to a custom resource as a string. */
function stringifyScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyScalars);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, stringifyScalars(inner)]));
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

function describeFunctionError(payload: Buffer): string {
  try {
    const error = JSON.parse(payload.toString('utf8')) as { errorType?: string; errorMessage?: string };
    return `${error.errorType ?? 'Error'}: ${error.errorMessage ?? ''}`.trim();
  } catch {
    return payload.toString('utf8').slice(0, 200);
  }
}
