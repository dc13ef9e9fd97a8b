import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { checkDeletable, checkExports, checkImports } from './export-guard.js';
import type { ExportRegistry } from './export-registry.js';
import { type PreparedStack, prepareStack } from './prepared-stack.js';
import { checkedProvider, providerOf } from './provider-lookup.js';
import { intrinsicContext, resolveProperties } from './resource-context.js';
import { deleteResources } from './resource-deletion.js';
import type { ResourceProvider } from './resource-provider.js';
import { existingRequest, resourceRecord, stackInfo } from './resource-requests.js';
import type { EmitStackEvent, StackEvent } from './stack-event.js';
import { StackOperationError } from './stack-operation-error.js';
import { stackOutputs } from './stack-outputs.js';
import type { ResourceRecord, StackRecord } from './stack-record.js';
import { type AppliedChange, rollback } from './stack-rollback.js';
import type { StackStore } from './stack-store.js';

export type { StackEvent } from './stack-event.js';

export interface StackEngineOptions {
  readonly accountId: string;
  readonly region: string;
  readonly store: StackStore;
  readonly exports: ExportRegistry;
  /** Providers by resource type; `Custom::*` types use the `AWS::CloudFormation::CustomResource` entry. */
  readonly providers: Readonly<Record<string, ResourceProvider>>;
  readonly onEvent?: (event: StackEvent) => void;
}

export interface DeployRequest {
  readonly stackName: string;
  readonly service: string;
  readonly templateFile: string;
  readonly parameters: Readonly<Record<string, string>>;
}

export { StackOperationError } from './stack-operation-error.js';

/**
 * Creates, updates and deletes stacks in one environment (account), as CloudFormation does:
 * resources in dependency order, a failed operation rolled back, exports guarded while imported.
 * Operations on the environment are serialised so exports and imports are always consistent.
 */
export class StackEngine {
  readonly #options: StackEngineOptions;
  #queue: Promise<unknown> = Promise.resolve();
  /** The engine's event reporter, for the phases that live in their own modules (rollback, deletion). */
  readonly #emitter: EmitStackEvent = (stackName, logicalId, resourceType, status, reason) =>
    this.#emit(stackName, logicalId, resourceType, status, reason);

  constructor(options: StackEngineOptions) {
    this.#options = options;
  }

  /** Loads the stacks recorded in the state directory and restores their running side. */
  async restore(): Promise<StackRecord[]> {
    const records = await this.#options.store.load();
    for (const record of records) {
      const info = stackInfo(record.name, record.service, record.stackId, record.templateFile);
      for (const logicalId of Object.keys(record.resources)) {
        const resource = record.resources[logicalId];
        if (!resource) continue;
        const provider = providerOf(this.#options.providers, resource.type);
        if (!provider?.restore) continue;
        await provider.restore(existingRequest(info, logicalId, resource), {
          physicalId: resource.physicalId,
          attributes: resource.attributes,
        });
      }
    }
    return records;
  }

  /** Creates the stack, or updates it to the template's current state. */
  deploy(request: DeployRequest): Promise<StackRecord> {
    return this.#serialised(() => this.#deploy(request));
  }

  /** Deletes the stack; refused while another stack imports one of its exports. */
  delete(stackName: string): Promise<void> {
    return this.#serialised(() => this.#delete(stackName));
  }

  list(): StackRecord[] {
    return this.#options.store.list();
  }

  get(stackName: string): StackRecord | undefined {
    return this.#options.store.get(stackName);
  }

  #serialised<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(operation, operation);
    this.#queue = next.catch(() => {});
    return next;
  }

  async #deploy(request: DeployRequest): Promise<StackRecord> {
    const existing = this.#options.store.get(request.stackName);
    const stackId =
      existing?.stackId ??
      `arn:aws:cloudformation:${this.#options.region}:${this.#options.accountId}:stack/${request.stackName}/${randomUUID()}`;
    const prepared = await prepareStack({
      ...request,
      stackId,
      accountId: this.#options.accountId,
      region: this.#options.region,
    });
    checkImports(this.#options.exports, prepared);
    const info = stackInfo(request.stackName, request.service, stackId, request.templateFile);
    const verb = existing ? 'UPDATE' : 'CREATE';
    this.#emit(prepared.stackName, prepared.stackName, 'AWS::CloudFormation::Stack', `${verb}_IN_PROGRESS`);
    for (const notice of prepared.notices) {
      this.#emit(prepared.stackName, prepared.stackName, 'AWS::CloudFormation::Stack', 'NOTICE', notice);
    }

    const resources: Record<string, ResourceRecord> = {};
    const applied: AppliedChange[] = [];
    let outputs: Record<string, string> = {};
    let exports: Record<string, string> = {};
    try {
      for (const logicalId of prepared.resourceOrder) {
        const definition = prepared.document.Resources[logicalId];
        if (!definition) continue;
        const previous = existing?.resources[logicalId];
        const context = intrinsicContext(prepared, resources, this.#options.exports);
        const properties = resolveProperties(prepared, logicalId, context);
        const metadata = (definition.Metadata ?? {}) as Record<string, unknown>;
        const provider = checkedProvider(
          this.#options.providers,
          prepared,
          logicalId,
          definition.Type,
          properties,
        );
        const dependsOn = [...dependencies(prepared, logicalId)];
        if (previous && previous.type === definition.Type) {
          if (
            isDeepStrictEqual(previous.properties, properties) &&
            isDeepStrictEqual(previous.metadata, metadata)
          ) {
            const { deletionPolicy: _old, ...unchanged } = previous;
            resources[logicalId] = {
              ...unchanged,
              dependsOn,
              ...(definition.DeletionPolicy ? { deletionPolicy: definition.DeletionPolicy } : {}),
            };
            continue;
          }
          this.#emit(prepared.stackName, logicalId, definition.Type, 'UPDATE_IN_PROGRESS');
          const state = await provider.update({
            stack: info,
            logicalId,
            resourceType: definition.Type,
            properties,
            metadata,
            physicalId: previous.physicalId,
            oldProperties: previous.properties,
          });
          resources[logicalId] = resourceRecord(
            definition.Type,
            state,
            properties,
            metadata,
            dependsOn,
            definition.DeletionPolicy,
          );
          applied.push({ logicalId, kind: 'updated', previous });
          this.#emit(prepared.stackName, logicalId, definition.Type, 'UPDATE_COMPLETE');
          continue;
        }
        this.#emit(prepared.stackName, logicalId, definition.Type, 'CREATE_IN_PROGRESS');
        const state = await provider.create({
          stack: info,
          logicalId,
          resourceType: definition.Type,
          properties,
          metadata,
        });
        resources[logicalId] = resourceRecord(
          definition.Type,
          state,
          properties,
          metadata,
          dependsOn,
          definition.DeletionPolicy,
        );
        applied.push({ logicalId, kind: 'created', ...(previous ? { previous } : {}) });
        this.#emit(prepared.stackName, logicalId, definition.Type, 'CREATE_COMPLETE');
      }
      ({ outputs, exports } = stackOutputs(prepared, resources, this.#options.exports));
      checkExports(this.#options.exports, prepared.stackName, existing, exports);
    } catch (error) {
      const reason = (error as Error).message;
      this.#emit(
        prepared.stackName,
        prepared.stackName,
        'AWS::CloudFormation::Stack',
        `${verb}_FAILED`,
        reason,
      );
      await rollback(info, applied, resources, this.#options.providers, this.#emitter);
      if (existing) {
        await this.#options.store.save({ ...existing, status: 'UPDATE_ROLLBACK_COMPLETE', updatedAt: now() });
      }
      throw new StackOperationError(
        `STACK_${verb}_FAILED`,
        prepared.stackName,
        `${prepared.stackName}: ${verb === 'CREATE' ? 'create' : 'update'} failed and was rolled back: ${reason}`,
        { cause: error },
      );
    }

    // Cleanup phase: resources the template no longer has, and the old side of replacements.
    const removed: Record<string, ResourceRecord> = {};
    for (const [logicalId, old] of Object.entries(existing?.resources ?? {})) {
      const current = resources[logicalId];
      if (!current || current.type !== old.type || current.physicalId !== old.physicalId)
        removed[logicalId] = old;
    }
    await deleteResources(info, removed, this.#options.providers, this.#emitter);

    const saved: StackRecord = {
      name: prepared.stackName,
      stackId,
      service: request.service,
      templateFile: request.templateFile,
      status: existing ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE',
      parameters: prepared.parameters.values,
      resources,
      outputs,
      exports,
      imports: [...prepared.imports],
      createdAt: existing?.createdAt ?? now(),
      updatedAt: now(),
    };
    await this.#options.store.save(saved);
    this.#emit(prepared.stackName, prepared.stackName, 'AWS::CloudFormation::Stack', saved.status);
    return saved;
  }

  async #delete(stackName: string): Promise<void> {
    const existing = this.#options.store.get(stackName);
    if (!existing) {
      throw new StackOperationError(
        'STACK_NOT_FOUND',
        stackName,
        `Stack with id ${stackName} does not exist`,
      );
    }
    checkDeletable(this.#options.exports, existing);
    this.#emit(stackName, stackName, 'AWS::CloudFormation::Stack', 'DELETE_IN_PROGRESS');
    await deleteResources(
      stackInfo(stackName, existing.service, existing.stackId, existing.templateFile),
      existing.resources,
      this.#options.providers,
      this.#emitter,
    );
    await this.#options.store.remove(stackName);
    this.#emit(stackName, stackName, 'AWS::CloudFormation::Stack', 'DELETE_COMPLETE');
  }

  #emit(stackName: string, logicalId: string, resourceType: string, status: string, reason?: string): void {
    this.#options.onEvent?.({ stackName, logicalId, resourceType, status, ...(reason ? { reason } : {}) });
  }
}

function dependencies(prepared: PreparedStack, logicalId: string): ReadonlySet<string> {
  return prepared.dependencies.get(logicalId) ?? new Set();
}

function now(): string {
  return new Date().toISOString();
}
