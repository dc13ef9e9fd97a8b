import { dirname } from 'node:path';
import type { ExistingResourceRequest, ResourceState, StackInfo } from './resource-provider.js';
import type { ResourceRecord } from './stack-record.js';

/** What a provider is told of the stack it works for. */
export function stackInfo(
  stackName: string,
  service: string,
  stackId: string,
  templateFile: string,
): StackInfo {
  return {
    stackName,
    service,
    stackId,
    templateFile,
    templateDir: dirname(templateFile),
  };
}

/** The record the state directory keeps of a resource a provider created or updated. */
export function resourceRecord(
  type: string,
  state: ResourceState,
  properties: Readonly<Record<string, unknown>>,
  metadata: Readonly<Record<string, unknown>>,
  dependsOn: readonly string[],
  deletionPolicy: string | undefined,
): ResourceRecord {
  return {
    type,
    physicalId: state.physicalId,
    attributes: state.attributes,
    properties,
    metadata,
    dependsOn,
    ...(deletionPolicy ? { deletionPolicy } : {}),
  };
}

/** The request that names a recorded resource to its provider (to delete, restore or roll it back). */
export function existingRequest(
  info: StackInfo,
  logicalId: string,
  resource: ResourceRecord,
): ExistingResourceRequest {
  return {
    stack: info,
    logicalId,
    resourceType: resource.type,
    properties: resource.properties,
    metadata: resource.metadata,
    physicalId: resource.physicalId,
  };
}
