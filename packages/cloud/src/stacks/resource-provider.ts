/** What a provider knows of the stack it works for. */
export interface StackInfo {
  readonly stackName: string;
  /** The service of the project config this stack deploys (`items` for `local-items`). */
  readonly service: string;
  readonly stackId: string;
  readonly templateFile: string;
  /** Directory of the template: relative paths in it (CodeUri) are resolved from here. */
  readonly templateDir: string;
}

export interface ResourceRequest {
  readonly stack: StackInfo;
  readonly logicalId: string;
  readonly resourceType: string;
  /** Fully resolved properties (no intrinsic functions left). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The resource's Metadata from the template (e.g. BuildMethod). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface ExistingResourceRequest extends ResourceRequest {
  readonly physicalId: string;
}

export interface UpdateResourceRequest extends ExistingResourceRequest {
  readonly oldProperties: Readonly<Record<string, unknown>>;
}

/** What a resource is once it exists: `Ref` gives `physicalId`, `Fn::GetAtt` reads `attributes`. */
export interface ResourceState {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * Creates, updates and deletes one CloudFormation resource type in the local cloud. A provider
 * names the properties it understands; the engine refuses any other, so nothing in a template is
 * silently ignored.
 */
export interface ResourceProvider {
  /** Top-level properties this type accepts. */
  readonly properties: ReadonlySet<string>;
  /** Properties without which the resource cannot be created. */
  readonly requiredProperties?: ReadonlySet<string>;
  create(request: ResourceRequest): Promise<ResourceState>;
  /** Returning another physical id means the resource was replaced; the engine deletes the old one. */
  update(request: UpdateResourceRequest): Promise<ResourceState>;
  delete(request: ExistingResourceRequest): Promise<void>;
  /**
   * Brings back the running side of a resource recorded in the state directory when the local
   * cloud restarts (a function's registration), without any externally visible create.
   */
  restore?(request: ExistingResourceRequest, state: ResourceState): Promise<ResourceState>;
}
