import { providerOf } from './provider-lookup.js';
import { deletionOrder } from './resource-order.js';
import type { ResourceProvider, StackInfo } from './resource-provider.js';
import { existingRequest } from './resource-requests.js';
import type { EmitStackEvent } from './stack-event.js';
import type { ResourceRecord } from './stack-record.js';

/**
 * Deletes recorded resources in dependency order (dependents first), skipping those whose
 * DeletionPolicy is `Retain` or `RetainExceptOnCreate`.
 */
export async function deleteResources(
  info: StackInfo,
  resources: Readonly<Record<string, ResourceRecord>>,
  providers: Readonly<Record<string, ResourceProvider>>,
  emit: EmitStackEvent,
): Promise<void> {
  for (const logicalId of deletionOrder(resources)) {
    const resource = resources[logicalId];
    if (!resource) continue;
    const provider = providerOf(providers, resource.type);
    if (!provider) continue;
    if (resource.deletionPolicy === 'Retain' || resource.deletionPolicy === 'RetainExceptOnCreate') {
      emit(
        info.stackName,
        logicalId,
        resource.type,
        'DELETE_SKIPPED',
        `DeletionPolicy ${resource.deletionPolicy}`,
      );
      continue;
    }
    emit(info.stackName, logicalId, resource.type, 'DELETE_IN_PROGRESS');
    await provider.delete(existingRequest(info, logicalId, resource));
    emit(info.stackName, logicalId, resource.type, 'DELETE_COMPLETE');
  }
}
