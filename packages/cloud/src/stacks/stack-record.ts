/** The status values a local stack can have, as CloudFormation names them. */
export type StackStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_ROLLBACK_COMPLETE'
  | 'DELETE_IN_PROGRESS';

export interface ResourceRecord {
  readonly type: string;
  readonly physicalId: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Logical ids this resource depends on (deleted after it). */
  readonly dependsOn: readonly string[];
  /** `Retain` keeps the resource when the stack or the resource goes; `RetainExceptOnCreate` too, but not on a failed create's rollback. */
  readonly deletionPolicy?: string;
}

/** A deployed stack as the state directory keeps it. */
export interface StackRecord {
  readonly name: string;
  readonly stackId: string;
  readonly service: string;
  readonly templateFile: string;
  readonly status: StackStatus;
  readonly parameters: Readonly<Record<string, string | readonly string[]>>;
  readonly resources: Readonly<Record<string, ResourceRecord>>;
  readonly outputs: Readonly<Record<string, string>>;
  /** Export name → value. */
  readonly exports: Readonly<Record<string, string>>;
  /** Export names this stack imports. */
  readonly imports: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}
