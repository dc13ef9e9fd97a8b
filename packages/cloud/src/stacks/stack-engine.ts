import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type IntrinsicContext, resolveValue } from '@motorcade/template';
import { CloudError } from '../errors.js';
import { checkDeletable, checkExports, checkImports } from './export-guard.js';
import type { ExportRegistry } from './export-registry.js';
import { type PreparedStack, prepareStack } from './prepared-stack.js';
import { deletionOrder } from './resource-order.js';
import type { ResourceProvider, ResourceState, StackInfo } from './resource-provider.js';
import { StackOperationError } from './stack-operation-error.js';
import type { ResourceRecord, StackRecord } from './stack-record.js';
import type { StackStore } from './stack-store.js';

/** One line of a stack's progress, as CloudFormation's stack events. */
export interface StackEvent {
  readonly stackName: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
}

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

const CUSTOM_RESOURCE = 'AWS::CloudFormation::CustomResource';

interface Applied {
  readonly logicalId: string;
  readonly kind: 'created' | 'updated';
  readonly previous?: ResourceRecord;
}

/**
 * Creates, updates and deletes stacks in one environment (account), as CloudFormation does:
 * resources in dependency order, a failed operation rolled back, exports guarded while imported.
 * Operations on the environment are serialised so exports and imports are always consistent.
 */
export class StackEngine {
  readonly #options: StackEngineOptions;
  #queue: Promise<unknown> = Promise.resolve();

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
        const provider = this.#provider(resource.type);
        if (!provider?.restore) continue;
        const request = {
          stack: info,
          logicalId,
          resourceType: resource.type,
          properties: resource.properties,
          metadata: resource.metadata,
          physicalId: resource.physicalId,
        };
        await provider.restore(request, { physicalId: resource.physicalId, attributes: resource.attributes });
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
    const applied: Applied[] = [];
    let outputs: Record<string, string> = {};
    let exports: Record<string, string> = {};
    try {
      for (const logicalId of prepared.resourceOrder) {
        const definition = prepared.document.Resources[logicalId];
        if (!definition) continue;
        const previous = existing?.resources[logicalId];
        const context = this.#context(prepared, resources);
        const properties = this.#resolveProperties(prepared, logicalId, context);
        const metadata = (definition.Metadata ?? {}) as Record<string, unknown>;
        const provider = this.#providerFor(prepared, logicalId, definition.Type, properties);
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
          resources[logicalId] = record(
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
        resources[logicalId] = record(
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
      ({ outputs, exports } = this.#outputs(prepared, resources));
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
      await this.#rollback(info, applied, resources, existing);
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
    await this.#deleteResources(info, removed);

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
    await this.#deleteResources(
      stackInfo(stackName, existing.service, existing.stackId, existing.templateFile),
      existing.resources,
    );
    await this.#options.store.remove(stackName);
    this.#emit(stackName, stackName, 'AWS::CloudFormation::Stack', 'DELETE_COMPLETE');
  }

  async #rollback(
    info: StackInfo,
    applied: readonly Applied[],
    resources: Record<string, ResourceRecord>,
    existing: StackRecord | undefined,
  ): Promise<void> {
    for (const step of [...applied].reverse()) {
      const current = resources[step.logicalId];
      if (!current) continue;
      const provider = this.#provider(current.type);
      if (!provider) continue;
      this.#emit(
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
        this.#emit(
          info.stackName,
          step.logicalId,
          current.type,
          'ROLLBACK_STEP_FAILED',
          (error as Error).message,
        );
      }
    }
    void existing;
  }

  async #deleteResources(
    info: StackInfo,
    resources: Readonly<Record<string, ResourceRecord>>,
  ): Promise<void> {
    for (const logicalId of deletionOrder(resources)) {
      const resource = resources[logicalId];
      if (!resource) continue;
      const provider = this.#provider(resource.type);
      if (!provider) continue;
      if (resource.deletionPolicy === 'Retain' || resource.deletionPolicy === 'RetainExceptOnCreate') {
        this.#emit(
          info.stackName,
          logicalId,
          resource.type,
          'DELETE_SKIPPED',
          `DeletionPolicy ${resource.deletionPolicy}`,
        );
        continue;
      }
      this.#emit(info.stackName, logicalId, resource.type, 'DELETE_IN_PROGRESS');
      await provider.delete(existingRequest(info, logicalId, resource));
      this.#emit(info.stackName, logicalId, resource.type, 'DELETE_COMPLETE');
    }
  }

  /** Unknown names resolve to undefined, so the template engine reports them with file, resource and property. */
  #context(prepared: PreparedStack, resources: Readonly<Record<string, ResourceRecord>>): IntrinsicContext {
    return {
      pseudo: prepared.pseudo,
      parameters: prepared.parameters.values,
      conditions: prepared.conditions,
      mappings: prepared.document.Mappings ?? {},
      ref: (logicalId) => resources[logicalId]?.physicalId,
      getAtt: (logicalId, attribute) => resources[logicalId]?.attributes[attribute],
      importValue: (name) => this.#options.exports.get(name)?.value,
    };
  }

  #outputs(
    prepared: PreparedStack,
    resources: Readonly<Record<string, ResourceRecord>>,
  ): { outputs: Record<string, string>; exports: Record<string, string> } {
    const context = this.#context(prepared, resources);
    const outputs: Record<string, string> = {};
    const exports: Record<string, string> = {};
    for (const [key, output] of Object.entries(prepared.document.Outputs ?? {})) {
      if (output.Condition !== undefined && prepared.conditions[output.Condition] !== true) continue;
      const where = { file: prepared.templateFile, property: `Outputs.${key}` };
      const value = resolveValue(output.Value, context, where);
      if (value === undefined) continue;
      outputs[key] = Array.isArray(value) ? value.join(',') : String(value);
      if (output.Export) {
        const name = resolveValue(output.Export.Name, context, {
          ...where,
          property: `Outputs.${key}.Export.Name`,
        });
        exports[String(name)] = outputs[key];
      }
    }
    return { outputs, exports };
  }

  #resolveProperties(
    prepared: PreparedStack,
    logicalId: string,
    context: IntrinsicContext,
  ): Record<string, unknown> {
    const definition = prepared.document.Resources[logicalId];
    const value = resolveValue(definition?.Properties ?? {}, context, {
      file: prepared.templateFile,
      resource: logicalId,
      property: 'Properties',
    });
    return (value ?? {}) as Record<string, unknown>;
  }

  #providerFor(
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
      this.#provider(type) ?? fail('Type', `resource type ${type} is not supported by the local cloud yet`);
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

  #provider(type: string): ResourceProvider | undefined {
    return this.#options.providers[type.startsWith('Custom::') ? CUSTOM_RESOURCE : type];
  }

  #emit(stackName: string, logicalId: string, resourceType: string, status: string, reason?: string): void {
    this.#options.onEvent?.({ stackName, logicalId, resourceType, status, ...(reason ? { reason } : {}) });
  }
}

function stackInfo(stackName: string, service: string, stackId: string, templateFile: string): StackInfo {
  return {
    stackName,
    service,
    stackId,
    templateFile,
    templateDir: dirname(templateFile),
  };
}

function record(
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

function existingRequest(info: StackInfo, logicalId: string, resource: ResourceRecord) {
  return {
    stack: info,
    logicalId,
    resourceType: resource.type,
    properties: resource.properties,
    metadata: resource.metadata,
    physicalId: resource.physicalId,
  };
}

function dependencies(prepared: PreparedStack, logicalId: string): ReadonlySet<string> {
  return prepared.dependencies.get(logicalId) ?? new Set();
}

function now(): string {
  return new Date().toISOString();
}
