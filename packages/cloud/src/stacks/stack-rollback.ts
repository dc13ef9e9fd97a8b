import { providerOf } from './provider-lookup.js';
import type { ResourceProvider, StackInfo } from './resource-provider.js';
import { existingRequest } from './resource-requests.js';
import type { EmitStackEvent } from './stack-event.js';
import type { ResourceRecord } from './stack-record.js';

/** One resource change a stack operation made, kept so a failed operation can undo it. */
export interface AppliedChange {
  readonly logicalId: string;
  readonly kind: 'created' | 'updated';
  readonly previous?: ResourceRecord;
}

/**
 * Undoes a failed operation's changes, newest first: created resources are deleted (unless
 * `Retain`), updated ones are updated back to their previous properties. A step that fails is
 * reported and the rollback goes on.
 */
export async function rollback(
  info: StackInfo,
  applied: readonly AppliedChange[],
  resources: Record<string, ResourceRecord>,
  providers: Readonly<Record<string, ResourceProvider>>,
  emit: EmitStackEvent,
): Promise<void> {
  for (const step of [...applied].reverse()) {
    const current = resources[step.logicalId];
    if (!current) continue;
    const provider = providerOf(providers, current.type);
    if (!provider) continue;
    emit(
      info.stackName,
      step.logicalId,
      current.type,
      step.kind === 'created' ? 'DELETE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS',
      'rollback',
    );
    try {
      if (step.kind === 'created') {
        // Retain keeps even what a failed create made; RetainExceptOnCreate does not.
        if (current.deletionPolicy === 'Retain') continue;
        await provider.delete(existingRequest(info, step.logicalId, current));
      } else if (step.previous) {
        const state = await provider.update({
          ...existingRequest(info, step.logicalId, current),
          properties: step.previous.properties,
          metadata: step.previous.metadata,
          oldProperties: current.properties,
        });
        if (state.physicalId !== current.physicalId) {
          await provider.delete(existingRequest(info, step.logicalId, current));
        }
      }
    } catch (error) {
      emit(info.stackName, step.logicalId, current.type, 'ROLLBACK_STEP_FAILED', (error as Error).message);
    }
  }
}
