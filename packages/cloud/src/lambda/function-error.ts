import { CloudError } from '../errors.js';

/**
 * A function error as Lambda returns it to a synchronous invoker (the response payload when
 * `X-Amz-Function-Error` is set). Errors raised by the function carry `trace` (the stack split into
 * lines, as the Node.js runtime interface client posts it); errors raised by the platform itself —
 * a timeout, an exit, running out of memory — have none, as on AWS.
 */
export interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/**
 * The init phase of an execution environment failed: the handler's module could not be found or
 * parsed, the handler is not exported, the module threw while loading, or the runtime exited.
 * `error` is what Lambda answers the invoker with.
 */
export class FunctionInitError extends CloudError {
  readonly error: FunctionError;
  /** How long the init phase ran before it failed (AWS reports it as `Init Duration`). */
  readonly initDurationMs: number;

  constructor(error: FunctionError, initDurationMs: number, options?: { cause?: unknown }) {
    super('FunctionInitError', `${error.errorType}: ${error.errorMessage}`, options);
    this.error = error;
    this.initDurationMs = initDurationMs;
  }

  /** AWS's error type, e.g. `Runtime.ImportModuleError`. */
  get errorType(): string {
    return this.error.errorType;
  }
}

/** The platform's prefix for errors it raises about one invocation. */
function requestPrefix(requestId: string | undefined): string {
  return requestId === undefined ? 'Error: ' : `RequestId: ${requestId} Error: `;
}

/** `Sandbox.Timedout`, as Lambda answers a synchronous invoke whose function ran past its timeout. */
export function timeoutError(requestId: string, seconds: number): FunctionError {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `${requestPrefix(requestId)}Task timed out after ${seconds.toFixed(2)} seconds`,
  };
}

/** `Runtime.ExitError`: the runtime process exited (e.g. the function called `process.exit(n)`). */
export function exitError(requestId: string | undefined, exitCode: number): FunctionError {
  return {
    errorType: 'Runtime.ExitError',
    errorMessage: `${requestPrefix(requestId)}Runtime exited with error: exit status ${exitCode}`,
  };
}

/** `Runtime.ExitError` when the runtime went away without an exit status (the environment was shut down). */
export function exitWithoutReasonError(requestId: string | undefined): FunctionError {
  return {
    errorType: 'Runtime.ExitError',
    errorMessage: `${requestPrefix(requestId)}Runtime exited without providing a reason`,
  };
}

/** `Runtime.OutOfMemory`: the sandbox went over its memory size and was killed. */
export function outOfMemoryError(requestId: string | undefined): FunctionError {
  return {
    errorType: 'Runtime.OutOfMemory',
    errorMessage: `${requestPrefix(requestId)}Runtime exited with error: signal: killed`,
  };
}

/** `Sandbox.Timedout` for an init phase that did not finish within Lambda's 10 s init limit. */
export function initTimeoutError(seconds: number): FunctionError {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `Error: Init timed out after ${seconds.toFixed(2)} seconds`,
  };
}

/**
 * The platform's log line after the runtime exited or ran out of memory, as CloudWatch shows it:
 * the message, then the error type.
 */
export function runtimeExitLogLine(error: FunctionError): string {
  return `${error.errorMessage}\n${error.errorType}`;
}

/** The platform's log line for a timeout: `<ISO time> <requestId> Task timed out after N.NN seconds`. */
export function timeoutLogLine(requestId: string, seconds: number): string {
  return `${new Date().toISOString()} ${requestId} Task timed out after ${seconds.toFixed(2)} seconds`;
}
