import { CloudError } from '../../errors.js';
import type { AsyncInvokeConfig } from '../../lambda/types.js';
import type { ResourceProvider, ResourceRequest, ResourceState } from '../resource-provider.js';
import type { FunctionHost } from './lambda-function.js';

/**
 * `AWS::Lambda::EventInvokeConfig`: retries, event age and destinations of asynchronous
 * invocations, applied to the function's `$LATEST` (the only version locally).
 */
export function eventInvokeConfigProvider(host: FunctionHost): ResourceProvider {
  const apply = (request: ResourceRequest, config: AsyncInvokeConfig | undefined): ResourceState => {
    const name = String(request.properties.FunctionName);
    const fn = host.getFunction(name);
    if (!fn) {
      throw new CloudError(
        'FUNCTION_NOT_FOUND',
        `${request.stack.templateFile}: resource ${request.logicalId}, property FunctionName: no function ${name}`,
      );
    }
    const { asyncInvokeConfig: _previous, ...rest } = fn;
    host.updateFunction(config ? { ...rest, asyncInvokeConfig: config } : rest);
    return { physicalId: `${fn.name}:${String(request.properties.Qualifier ?? '$LATEST')}`, attributes: {} };
  };
  return {
    properties: new Set([
      'DestinationConfig',
      'FunctionName',
      'MaximumEventAgeInSeconds',
      'MaximumRetryAttempts',
      'Qualifier',
    ]),
    requiredProperties: new Set(['FunctionName', 'Qualifier']),
    create: async (request) => apply(request, asyncConfig(request)),
    update: async (request) => apply(request, asyncConfig(request)),
    delete: async (request) => {
      if (host.getFunction(String(request.properties.FunctionName))) apply(request, undefined);
    },
    restore: async (request, state) => {
      apply(request, asyncConfig(request));
      return state;
    },
  };
}

function asyncConfig(request: ResourceRequest): AsyncInvokeConfig {
  const p = request.properties;
  const destinations = (p.DestinationConfig ?? {}) as {
    OnSuccess?: { Destination?: string };
    OnFailure?: { Destination?: string };
  };
  return {
    ...(p.MaximumRetryAttempts === undefined ? {} : { maximumRetryAttempts: Number(p.MaximumRetryAttempts) }),
    ...(p.MaximumEventAgeInSeconds === undefined
      ? {}
      : { maximumEventAgeInSeconds: Number(p.MaximumEventAgeInSeconds) }),
    ...(destinations.OnSuccess?.Destination ? { onSuccess: destinations.OnSuccess.Destination } : {}),
    ...(destinations.OnFailure?.Destination ? { onFailure: destinations.OnFailure.Destination } : {}),
  };
}
