/** One line of a stack's progress, as CloudFormation's stack events. */
export interface StackEvent {
  readonly stackName: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
}

/** Reports one stack event; the engine's phases (apply, rollback, deletion) share it. */
export type EmitStackEvent = (
  stackName: string,
  logicalId: string,
  resourceType: string,
  status: string,
  reason?: string,
) => void;
