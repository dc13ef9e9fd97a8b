import type { ApiDefinition } from './api-definition.js';
import { RouteTable } from './route-table.js';

/** A stage of a REST API: its name and stage variables. */
export interface ApiStage {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>> | null;
  /** Stages created by an `AWS::ApiGateway::Stage` win over the one a Deployment's StageName makes. */
  readonly explicit: boolean;
}

/** A REST API deployed by a stack of this environment. */
export interface RestApi {
  /** API Gateway's id: 10 lower-case alphanumerics. */
  readonly id: string;
  readonly stackName: string;
  /** The project service the stack deploys; the gateway serves the API under `/<service>`. */
  readonly service: string;
  readonly logicalId: string;
  readonly rootResourceId: string;
  readonly definition: ApiDefinition;
  readonly routes: RouteTable;
  /** Stages by name; an API with none is not served, as on AWS. */
  readonly stages: Map<string, ApiStage>;
}

/** The REST APIs of one environment; the providers write, the gateway reads. */
export class RestApiRegistry {
  readonly #apis = new Map<string, RestApi>();
  #version = 0;

  /** Grows on every change, so the gateway knows when to rebuild its base path table. */
  get version(): number {
    return this.#version;
  }

  put(api: Omit<RestApi, 'routes' | 'stages'>, stages?: Map<string, ApiStage>): RestApi {
    const existing = this.#apis.get(api.id);
    const entry: RestApi = {
      ...api,
      routes: new RouteTable(api.definition.methods),
      stages: stages ?? existing?.stages ?? new Map(),
    };
    this.#apis.set(api.id, entry);
    this.#version += 1;
    return entry;
  }

  get(id: string): RestApi | undefined {
    return this.#apis.get(id);
  }

  remove(id: string): void {
    this.#apis.delete(id);
    this.#version += 1;
  }

  setStage(id: string, stage: ApiStage): void {
    this.#apis.get(id)?.stages.set(stage.name, stage);
    this.#version += 1;
  }

  removeStage(id: string, name: string): void {
    this.#apis.get(id)?.stages.delete(name);
    this.#version += 1;
  }

  list(): RestApi[] {
    return [...this.#apis.values()];
  }
}

/**
 * The stage a request reaches. The URL carries no stage (the gateway serves each API like a custom
 * domain's base path mapping), so an explicit Stage resource is preferred, then the oldest stage.
 */
export function servedStage(api: RestApi): ApiStage | undefined {
  let fallback: ApiStage | undefined;
  for (const stage of api.stages.values()) {
    if (stage.explicit) return stage;
    fallback ??= stage;
  }
  return fallback;
}
