import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CloudError } from '../errors.js';
import {
  exitError,
  exitWithoutReasonError,
  type FunctionError,
  FunctionInitError,
  initTimeoutError,
  outOfMemoryError,
  runtimeExitLogLine,
  timeoutError,
  timeoutLogLine,
} from './function-error.js';
import type { FunctionConfig } from './types.js';
import { heapLimitMb, memoryUsedMb } from './worker/memory-accounting.js';
import { describeOpenHandles } from './worker/open-handles-hint.js';
import type { InvokeMessage, WorkerInitData, WorkerMessage } from './worker-protocol.js';

// Resolves to the compiled bootstrap both from src/ (Vitest) and from dist/ (the built package).
const BOOTSTRAP_PATH = fileURLToPath(new URL('../../dist/lambda/worker/bootstrap.js', import.meta.url));

/** Lambda gives an on-demand environment 10 seconds to initialise. */
const INIT_TIMEOUT_MS = 10_000;
/** How long a timeout waits for a draining worker to name its open handles before terminating it. */
const HANDLES_GRACE_MS = 100;

/** How an environment is started by the Lambda service. */
export interface EnvironmentStartOptions {
  /** Lambda's reserved variables computed by the service (AWS_LAMBDA_FUNCTION_NAME, AWS_REGION, AWS_ENDPOINT_URL, credentials, LAMBDA_TASK_ROOT, _HANDLER, ...). They win over the template's variables. */
  runtimeEnv: Record<string, string>;
  /** Every line the function writes (console.* formatted as Lambda does, and raw stdout/stderr), and the platform's own lines about an invocation (timeout, exit). */
  onLog: (line: string, requestId?: string) => void;
}

/** One invocation, as the service hands it to an environment. */
export interface InvocationRequest {
  requestId: string;
  /** The event as JSON text. */
  payload: string;
  /** Epoch ms at which the invocation times out. */
  deadlineMs: number;
  /** Value for `_X_AMZN_TRACE_ID`. */
  traceId: string;
  /** Base64 of the client context JSON (`X-Amz-Client-Context`). */
  clientContext?: string;
  identity?: unknown;
  /** The ARN the caller used (with a qualifier, if any); defaults to the function's ARN. */
  invokedFunctionArn?: string;
}

/** How an invocation ended. Durations are wall-clock ms from `invoke()` to the outcome. */
export type InvocationOutcome =
  | { kind: 'success'; payload: string; durationMs: number; maxMemoryUsedMb: number }
  | {
      kind: 'error';
      error: FunctionError;
      /** True when the environment cannot be used again (timeout, exit, crash, out of memory). */
      environmentDied: boolean;
      durationMs: number;
      maxMemoryUsedMb: number;
    };

interface PendingInvocation {
  readonly requestId: string;
  readonly startedAt: number;
  readonly startedAtEpochMs: number;
  readonly resolve: (outcome: InvocationOutcome) => void;
  readonly timer: NodeJS.Timeout;
  /** The callback was called but the event loop is still busy. */
  draining: boolean;
  /** The deadline passed; whatever the worker still reports is ignored. */
  timedOut: boolean;
}

/**
 * One Lambda execution environment: a worker thread with its own isolate, module cache,
 * `process.env` and heap limit, holding one loaded handler that serves invocations one at a time.
 * A timeout, exit, crash or out-of-memory kills only this environment (`alive` turns false).
 *
 * @example
 * const env = await ExecutionEnvironment.start(config, { runtimeEnv, onLog });
 * const outcome = await env.invoke({ requestId, payload: '{}', deadlineMs: Date.now() + 3000, traceId });
 * await env.dispose();
 */
export class ExecutionEnvironment {
  readonly config: FunctionConfig;
  readonly #worker: Worker;
  readonly #onLog: (line: string, requestId?: string) => void;
  readonly #startedAt = performance.now();
  readonly #ready: Promise<void>;
  #init:
    | { resolve: () => void; reject: (error: FunctionInitError) => void; timer: NodeJS.Timeout }
    | undefined;
  #initDurationMs = 0;
  #alive = true;
  /** Set when this side terminates the worker, so its exit is not reported as the function's. */
  #terminating = false;
  #current: PendingInvocation | undefined;
  #fatal: FunctionError | undefined;
  #outOfMemory = false;
  #memoryBytes = 0;
  #onHandles: ((handles: readonly string[]) => void) | undefined;
  #stdoutRest = '';
  #stderrRest = '';

  private constructor(config: FunctionConfig, options: EnvironmentStartOptions) {
    this.config = config;
    this.#onLog = options.onLog;
    const workerData: WorkerInitData = {
      codeDir: config.codeDir,
      handler: config.handler,
      defaults: {
        functionName: config.name,
        functionVersion: '$LATEST',
        memoryLimitInMB: String(config.memoryMb),
        logGroupName: `/aws/lambda/${config.name}`,
        logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
      },
    };
    this.#worker = new Worker(BOOTSTRAP_PATH, {
      workerData,
      // The worker's own copy: nothing leaks between environments or into the host process.
      env: { ...config.environment, ...options.runtimeEnv },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: heapLimitMb(config.memoryMb) },
    });
    this.#ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.#failInit(initTimeoutError(INIT_TIMEOUT_MS / 1000)),
        INIT_TIMEOUT_MS,
      );
      this.#init = { resolve, reject, timer };
    });
    this.#worker.on('message', this.#onMessage);
    this.#worker.on('error', this.#onError);
    this.#worker.on('exit', this.#onExit);
    this.#worker.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stdoutRest = this.#emitLines(this.#stdoutRest + chunk);
    });
    this.#worker.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderrRest = this.#emitLines(this.#stderrRest + chunk);
    });
  }

  /**
   * Starts an environment and runs its init phase (loading the handler's module).
   * @throws FunctionInitError when the init phase fails; the worker is gone by then.
   */
  static async start(
    config: FunctionConfig,
    options: EnvironmentStartOptions,
  ): Promise<ExecutionEnvironment> {
    const environment = new ExecutionEnvironment(config, options);
    await environment.#ready;
    return environment;
  }

  /** How long the init phase took, worker start included (AWS's `Init Duration`). */
  get initDurationMs(): number {
    return this.#initDurationMs;
  }

  /** False once the environment died or was disposed; it takes no more invocations. */
  get alive(): boolean {
    return this.#alive;
  }

  /**
   * Runs one invocation. Resolves with the outcome — never rejects for anything the function does.
   * @throws CloudError when the environment is not alive or already runs an invocation.
   */
  invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    if (!this.#alive)
      throw new CloudError(
        'EnvironmentNotAlive',
        `The execution environment of ${this.config.name} is gone.`,
      );
    if (this.#current !== undefined) {
      throw new CloudError(
        'EnvironmentBusy',
        `The execution environment of ${this.config.name} is already running an invocation.`,
      );
    }
    return new Promise((resolve) => {
      this.#current = {
        requestId: request.requestId,
        startedAt: performance.now(),
        startedAtEpochMs: Date.now(),
        resolve,
        timer: setTimeout(this.#onDeadline, Math.max(0, request.deadlineMs - Date.now())),
        draining: false,
        timedOut: false,
      };
      const message: InvokeMessage = {
        type: 'invoke',
        requestId: request.requestId,
        payload: request.payload,
        deadlineMs: request.deadlineMs,
        traceId: request.traceId,
        invokedFunctionArn: request.invokedFunctionArn ?? this.config.arn,
        clientContext: request.clientContext,
        identity: request.identity,
      };
      this.#worker.postMessage(message);
    });
  }

  /** Stops the worker. An invocation still running ends with `Runtime.ExitError`. */
  async dispose(): Promise<void> {
    this.#alive = false;
    this.#terminating = true;
    const current = this.#current;
    if (current !== undefined)
      this.#finishWithError(current, exitWithoutReasonError(current.requestId), true);
    await this.#worker.terminate();
  }

  readonly #onMessage = (message: WorkerMessage): void => {
    const current = this.#current;
    switch (message.type) {
      case 'log':
        this.#onLog(message.line, current?.requestId);
        return;
      case 'response':
        this.#memoryBytes = message.memoryBytes;
        if (current === undefined || current.timedOut) return;
        clearTimeout(current.timer);
        this.#current = undefined;
        current.resolve({
          kind: 'success',
          payload: message.payload,
          durationMs: performance.now() - current.startedAt,
          maxMemoryUsedMb: this.#memoryUsedMb(),
        });
        return;
      case 'error':
        this.#memoryBytes = message.memoryBytes;
        if (current !== undefined && !current.timedOut) this.#finishWithError(current, message.error, false);
        return;
      case 'draining':
        if (current !== undefined) current.draining = true;
        return;
      case 'handles':
        this.#onHandles?.(message.handles);
        return;
      case 'fatal':
        // The worker exits right after; the exit reports it.
        this.#fatal = message.error;
        return;
      case 'ready':
        this.#succeedInit();
        return;
      case 'init-error':
        this.#failInit(message.error);
        return;
    }
  };

  readonly #onError = (error: Error & { code?: string }): void => {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#outOfMemory = true;
    else
      this.#fatal ??= {
        errorType: error.name,
        errorMessage: error.message,
        trace: error.stack?.split('\n') ?? [],
      };
  };

  readonly #onExit = (exitCode: number): void => {
    this.#alive = false;
    for (const rest of [this.#stdoutRest, this.#stderrRest])
      if (rest !== '') this.#onLog(rest, this.#current?.requestId);
    this.#stdoutRest = this.#stderrRest = '';
    if (this.#terminating) return;
    const current = this.#current;
    const requestId = current?.requestId;
    const platformError = this.#outOfMemory ? outOfMemoryError(requestId) : exitError(requestId, exitCode);
    if (this.#init !== undefined) {
      this.#failInit(this.#fatal ?? platformError);
      return;
    }
    if (current === undefined) return;
    // The platform's own line, as CloudWatch shows it after a runtime exit.
    this.#onLog(runtimeExitLogLine(platformError), requestId);
    this.#finishWithError(current, this.#fatal ?? platformError, true);
  };

  readonly #onDeadline = (): void => {
    const current = this.#current;
    if (current === undefined) return;
    current.timedOut = true;
    // Lambda discards the environment after a timeout, so the worker is terminated, never reused.
    this.#alive = false;
    this.#terminating = true;
    const seconds = (Date.now() - current.startedAtEpochMs) / 1000;
    void this.#openHandlesIfDraining(current).then(async (handles) => {
      if (handles.length > 0) {
        this.#onLog(
          `${new Date().toISOString()}\t${current.requestId}\tWARN\t${describeOpenHandles(handles)}`,
          current.requestId,
        );
      }
      this.#onLog(timeoutLogLine(current.requestId, seconds), current.requestId);
      await this.#worker.terminate();
      this.#finishWithError(current, timeoutError(current.requestId, seconds), true);
    });
  };

  /** A worker waiting for its event loop to empty is idle, so it can still say what keeps it busy. */
  #openHandlesIfDraining(current: PendingInvocation): Promise<readonly string[]> {
    if (!current.draining) return Promise.resolve([]);
    return new Promise((resolve) => {
      const grace = setTimeout(() => {
        this.#onHandles = undefined;
        resolve([]);
      }, HANDLES_GRACE_MS);
      this.#onHandles = (handles) => {
        clearTimeout(grace);
        this.#onHandles = undefined;
        resolve(handles);
      };
      this.#worker.postMessage({ type: 'describe-handles' });
    });
  }

  #finishWithError(current: PendingInvocation, error: FunctionError, environmentDied: boolean): void {
    clearTimeout(current.timer);
    if (this.#current === current) this.#current = undefined;
    current.resolve({
      kind: 'error',
      error,
      environmentDied,
      durationMs: performance.now() - current.startedAt,
      maxMemoryUsedMb: this.#memoryUsedMb(),
    });
  }

  /** Max Memory Used so far; the full memory size after running out of memory, as AWS reports. */
  #memoryUsedMb(): number {
    return this.#outOfMemory ? this.config.memoryMb : memoryUsedMb(this.#memoryBytes, this.config.memoryMb);
  }

  #succeedInit(): void {
    const init = this.#init;
    if (init === undefined) return;
    this.#init = undefined;
    clearTimeout(init.timer);
    this.#initDurationMs = performance.now() - this.#startedAt;
    init.resolve();
  }

  #failInit(error: FunctionError): void {
    const init = this.#init;
    if (init === undefined) return;
    this.#init = undefined;
    clearTimeout(init.timer);
    const duration = performance.now() - this.#startedAt;
    this.#alive = false;
    this.#terminating = true;
    void this.#worker.terminate().then(() => init.reject(new FunctionInitError(error, duration)));
  }

  /** Emits each complete line of raw stdout/stderr output; returns the unfinished rest. */
  #emitLines(text: string): string {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.#onLog(text.slice(start, end), this.#current?.requestId);
      start = end + 1;
    }
    return text.slice(start);
  }
}
