/** Per-function counts in {@link LambdaStats}. */
export interface FunctionStats {
  readonly concurrentExecutions: number;
  readonly environments: number;
  readonly busyEnvironments: number;
  readonly idleEnvironments: number;
  readonly reservedConcurrency?: number;
}

/** A snapshot of the service for `/_motorcade` and tests. */
export interface LambdaStats {
  readonly concurrentExecutions: number;
  readonly environments: number;
  readonly unreservedConcurrencyLimit: number;
  /** Event invocations accepted and not yet finished. */
  readonly pendingAsyncEvents: number;
  readonly functions: Readonly<Record<string, FunctionStats>>;
}
