import type { ResourceProvider, ResourceRequest, ResourceState } from '../resource-provider.js';

export interface RecordedResourceSpec {
  readonly properties: readonly string[];
  readonly requiredProperties?: readonly string[];
  /** The physical id (what `Ref` returns). */
  physicalId(request: ResourceRequest): string;
  /** `Fn::GetAtt` attributes. */
  attributes?(request: ResourceRequest, physicalId: string): Record<string, unknown>;
}

/**
 * A provider for resource types the local cloud accepts and records but does not enforce
 * (IAM roles and policies, Lambda permissions): the deploy checks their properties and gives
 * them the physical ids and attributes CloudFormation would, so templates resolve unchanged.
 */
export function recordedResource(spec: RecordedResourceSpec): ResourceProvider {
  const make = (request: ResourceRequest, physicalId: string): ResourceState => ({
    physicalId,
    attributes: spec.attributes?.(request, physicalId) ?? {},
  });
  return {
    properties: new Set(spec.properties),
    requiredProperties: new Set(spec.requiredProperties ?? []),
    create: async (request) => make(request, spec.physicalId(request)),
    update: async (request) => make(request, request.physicalId),
    delete: async () => {},
  };
}
