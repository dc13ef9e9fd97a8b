import type { ResourceProvider, ResourceRequest, ResourceState } from '../resource-provider.js';

export interface RegisteredResourceSpec {
  readonly properties: readonly string[];
  readonly requiredProperties?: readonly string[];
  /** The property that names the resource (`Name`, `RuleName`): a new value means a replacement. */
  readonly nameProperty: string;
  /** The name CloudFormation generates when the template gives none. */
  generateName(request: ResourceRequest): string;
  /** Checks the properties and registers the resource under `name` (create, update and restore alike). */
  register(request: ResourceRequest, name: string): ResourceState;
  unregister(request: ResourceRequest & { readonly physicalId: string }): void;
}

/**
 * A provider for resources that live in one of the local cloud's registries under a name (rules,
 * schedules): registering again is an update, a changed name property is a replacement (the engine
 * deletes the old one afterwards), and a restart re-registers what the stack recorded.
 */
export function registeredResource(spec: RegisteredResourceSpec): ResourceProvider {
  const nameOf = (request: ResourceRequest): string => {
    const given = request.properties[spec.nameProperty];
    return typeof given === 'string' ? given : spec.generateName(request);
  };
  return {
    properties: new Set(spec.properties),
    requiredProperties: new Set(spec.requiredProperties ?? []),
    create: async (request) => spec.register(request, nameOf(request)),
    update: async (request) => {
      const renamed = request.properties[spec.nameProperty] !== request.oldProperties[spec.nameProperty];
      return spec.register(request, renamed ? nameOf(request) : request.physicalId);
    },
    delete: async (request) => spec.unregister(request),
    restore: async (request, state) => {
      spec.register(request, state.physicalId);
      return state;
    },
  };
}
