import type { FunctionError } from './function-error.js';

/**
 * The messages between an execution environment (parent) and its worker thread. They are
 * structured-cloned, so they stay flat and small: the event and the result travel as JSON text
 * that only the worker parses or produces.
 */

/** What the worker needs to run its init phase (`workerData`). */
export interface WorkerInitData {
  /** Absolute directory the handler path is resolved from (LAMBDA_TASK_ROOT). */
  readonly codeDir: string;
  /** The handler string, e.g. `dist/handlers/create-item.handler`. */
  readonly handler: string;
  /**
   * The context's function fields, used when the runtime environment does not carry Lambda's own
   * variables (the runtime interface client reads them from `AWS_LAMBDA_*`).
   */
  readonly defaults: {
    readonly functionName: string;
    readonly functionVersion: string;
    readonly memoryLimitInMB: string;
    readonly logGroupName: string;
    readonly logStreamName: string;
  };
}

/** Parent → worker: run one invocation. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  /** The event as JSON text. */
  readonly payload: string;
  readonly deadlineMs: number;
  readonly traceId: string;
  readonly invokedFunctionArn: string;
  /** Base64 of the client context JSON, as `X-Amz-Client-Context` carries it. */
  readonly clientContext?: string;
  readonly identity?: unknown;
}

/** Parent → worker: list the handles that keep the event loop busy (asked at a timeout). */
export interface DescribeHandlesMessage {
  readonly type: 'describe-handles';
}

export type ParentMessage = InvokeMessage | DescribeHandlesMessage;

/** Worker → parent: the handler is loaded; the environment can take invocations. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Worker → parent: the init phase failed. */
export interface InitErrorMessage {
  readonly type: 'init-error';
  readonly error: FunctionError;
}

/** Worker → parent: one line of the function's log, already in Lambda's format. */
export interface LogMessage {
  readonly type: 'log';
  readonly line: string;
}

/** Worker → parent: the invocation succeeded. */
export interface ResponseMessage {
  readonly type: 'response';
  /** The result as JSON text (`null` for undefined). */
  readonly payload: string;
  /** The isolate's heap + external memory, highest seen in this environment. */
  readonly memoryBytes: number;
}

/** Worker → parent: the invocation failed with an error of the function's own. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly error: FunctionError;
  readonly memoryBytes: number;
}

/**
 * Worker → parent: the callback was called while handles were still open, and
 * `callbackWaitsForEmptyEventLoop` is true, so the invocation waits for the event loop to empty.
 */
export interface DrainingMessage {
  readonly type: 'draining';
}

/** Worker → parent: the answer to {@link DescribeHandlesMessage}. */
export interface HandlesMessage {
  readonly type: 'handles';
  /** Resource types (`process.getActiveResourcesInfo()`) the function keeps open. */
  readonly handles: readonly string[];
}

/** Worker → parent: an uncaught exception or unhandled rejection; the worker exits right after. */
export interface FatalMessage {
  readonly type: 'fatal';
  readonly error: FunctionError;
}

export type WorkerMessage =
  | ReadyMessage
  | InitErrorMessage
  | LogMessage
  | ResponseMessage
  | ErrorMessage
  | DrainingMessage
  | HandlesMessage
  | FatalMessage;
