import { CloudError } from '../../errors.js';
import type { FunctionAliases } from '../../lambda/function-aliases.js';
import type { FunctionConfig } from '../../lambda/types.js';
import type { ResourceProvider, ResourceRequest, ResourceState } from '../resource-provider.js';

/** What the alias provider needs of the Lambda service. */
export interface AliasHost {
  readonly aliases: FunctionAliases;
  getFunction(nameOrArn: string): FunctionConfig | undefined;
}

/**
 * `AWS::Lambda::Alias` (what SAM's `AutoPublishAlias` generates): the alias runs the function's
 * latest code, whatever `FunctionVersion` says, because functions are not versioned locally.
 * `Ref` is the alias ARN, as on AWS.
 */
export function lambdaAliasProvider(host: AliasHost): ResourceProvider {
  const put = (request: ResourceRequest): ResourceState => {
    const name = String(request.properties.FunctionName);
    const fn = host.getFunction(name);
    if (!fn) {
      throw new CloudError(
        'FUNCTION_NOT_FOUND',
        `${request.stack.templateFile}: resource ${request.logicalId}, property FunctionName: no function ${name}`,
      );
    }
    const alias = String(request.properties.Name);
    host.aliases.put(fn.name, alias);
    const arn = `${fn.arn}:${alias}`;
    return { physicalId: arn, attributes: { AliasArn: arn } };
  };
  const remove = (request: ResourceRequest): void => {
    const fn = host.getFunction(String(request.properties.FunctionName));
    if (fn) host.aliases.remove(fn.name, String(request.properties.Name));
  };
  return {
    properties: new Set([
      'Description',
      'FunctionName',
      'FunctionVersion',
      'Name',
      'ProvisionedConcurrencyConfig',
      'RoutingConfig',
    ]),
    requiredProperties: new Set(['FunctionName', 'FunctionVersion', 'Name']),
    create: async (request) => put(request),
    update: async (request) => {
      remove({ ...request, properties: request.oldProperties });
      return put(request);
    },
    delete: async (request) => remove(request),
    restore: async (request) => put(request),
  };
}
