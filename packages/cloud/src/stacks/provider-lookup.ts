import { CloudError } from '../errors.js';
import type { PreparedStack } from './prepared-stack.js';
import type { ResourceProvider } from './resource-provider.js';

const CUSTOM_RESOURCE = 'AWS::CloudFormation::CustomResource';

/** The provider of a resource type; every `Custom::*` type uses the `AWS::CloudFormation::CustomResource` entry. */
export function providerOf(
  providers: Readonly<Record<string, ResourceProvider>>,
  type: string,
): ResourceProvider | undefined {
  return providers[type.startsWith('Custom::') ? CUSTOM_RESOURCE : type];
}

/**
 * The provider for a template resource, after checking its resolved properties against what the
 * provider accepts and requires, so nothing in a template is silently ignored.
 */
export function checkedProvider(
  providers: Readonly<Record<string, ResourceProvider>>,
  prepared: PreparedStack,
  logicalId: string,
  type: string,
  properties: Readonly<Record<string, unknown>>,
): ResourceProvider {
  const fail = (property: string, message: string): never => {
    throw new CloudError(
      'UNSUPPORTED_RESOURCE',
      `${prepared.templateFile}: resource ${logicalId}, property ${property}: ${message}`,
    );
  };
  const provider =
    providerOf(providers, type) ??
    fail('Type', `resource type ${type} is not supported by the local cloud yet`);
  if (!provider.properties.has('*')) {
    for (const key of Object.keys(properties)) {
      if (!provider.properties.has(key))
        fail(key, `${type} has no property ${key} (or the local cloud does not support it)`);
    }
  }
  for (const key of provider.requiredProperties ?? []) {
    if (properties[key] === undefined) fail(key, `required property ${key} is missing`);
  }
  return provider;
}
