/** One invocation (or throttle) as the metrics see it. */
export interface InvocationSample {
  readonly functionName: string;
  readonly kind: 'invocation' | 'throttle';
  readonly error: boolean;
  readonly durationMs: number;
  readonly coldStart: boolean;
}
