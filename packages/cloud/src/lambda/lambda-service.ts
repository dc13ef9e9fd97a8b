import { randomUUID } from 'node:crypto';
import { type AsyncFunctionSettings, asyncSettingsOf } from './async-destination-record.js';
import {
  type AsyncEventStore,
  type AttemptResult,
  type CapacityAnswer,
  InMemoryAsyncEventStore,
  type QueuedEvent,
} from './async-event.js';
import { AsyncInvokeQueue } from './async-invoke-queue.js';
import { ConcurrencyPool } from './concurrency.js';
import { EnvironmentPool, type StartEnvironment } from './environment-pool.js';
import { FunctionAliases } from './function-aliases.js';
import { FunctionRegistry, LATEST } from './function-registry.js';
import { InvocationRunner } from './invocation-runner.js';
import type { InvocationSample } from './invocation-sample.js';
import { eventText } from './invoke-payload.js';
import {
  ASYNC_REQUEST_LIMIT_BYTES,
  RecursiveInvocationError,
  RequestTooLargeError,
  ResourceConflictError,
  SYNC_REQUEST_LIMIT_BYTES,
  TooManyRequestsError,
} from './lambda-errors.js';
import type { FunctionStats, LambdaStats } from './lambda-stats.js';
import { traceForInvocation } from './recursion-guard.js';
import { newLogStreamName, runtimeEnvironment } from './runtime-env.js';
import { startWorkerEnvironment } from './start-worker-environment.js';
import type { FunctionConfig, InvokeOptions, InvokeResult, LogSink, TargetRouter } from './types.js';

/** How a {@link LambdaService} is set up: one per account (environment). */
export interface LambdaServiceOptions {
  readonly accountId: string;
  readonly region: string;
  /** The account's concurrency limit (e.g. 1000). */
  readonly concurrencyLimit: number;
  /** AWS_ENDPOINT_URL and credentials the functions get (computed late: the edge port is known after listen). */
  readonly runtimeEnvironment: () => Record<string, string>;
  readonly targets: TargetRouter;
  readonly logSink: LogSink;
  /** Idle execution environments are disposed after this long (default 5 minutes). */
  readonly idleTimeoutMs?: number;
  /** Delays before the retries of a failed Event invocation; default 1 s and 2 s (AWS: about 1 and 2 minutes). */
  readonly asyncRetryDelaysMs?: readonly number[];
  /** Where queued Event invocations are kept (default: in memory). */
  readonly asyncEventStore?: AsyncEventStore;
  /** Most execution environments one function's Event invocations use at once (default 10). */
  readonly asyncConcurrencyPerFunction?: number;
  /** Injectable for tests; defaults to `ExecutionEnvironment.start` (a worker thread). */
  readonly startEnvironment?: StartEnvironment;
  /** Told of every finished invocation and every throttle (the metrics the monitoring view shows). */
  readonly onInvocation?: (sample: InvocationSample) => void;
}

/** An {@link InvokeResult} that also names the request, for the `x-amzn-RequestId` header. */
export interface LambdaInvokeResult extends InvokeResult {
  readonly requestId?: string;
}

const EMPTY = Buffer.alloc(0);
const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;
const GONE: AttemptResult = { kind: 'gone' };

/**
 * The Lambda service of one account: functions, their execution environments, the account's
 * concurrency pool, the async queue and Lambda's limits. The edge (AWS SDK), the stack engine and
 * event sources all call this one object.
 *
 * @example
 * const lambda = new LambdaService({ accountId, region, concurrencyLimit: 1000, runtimeEnvironment, targets, logSink });
 * lambda.createFunction(config);
 * const result = await lambda.invoke('my-function', Buffer.from('{"id":1}'));
 */
export class LambdaService {
  readonly accountId: string;
  readonly region: string;
  readonly #options: LambdaServiceOptions;
  readonly #registry: FunctionRegistry;
  /** Aliases of the functions; each runs `$LATEST` (see {@link FunctionAliases}). */
  readonly aliases = new FunctionAliases();
  readonly #concurrency: ConcurrencyPool;
  readonly #pool: EnvironmentPool;
  readonly #runner: InvocationRunner;
  readonly #queue: AsyncInvokeQueue;

  constructor(options: LambdaServiceOptions) {
    this.#options = options;
    this.accountId = options.accountId;
    this.region = options.region;
    this.#registry = new FunctionRegistry(options.accountId, options.region);
    this.#concurrency = new ConcurrencyPool(options.concurrencyLimit);
    this.#pool = new EnvironmentPool({
      startEnvironment: options.startEnvironment ?? startWorkerEnvironment,
      runtimeEnv: (config) =>
        runtimeEnvironment(config, {
          region: options.region,
          service: options.runtimeEnvironment(),
          logStreamName: newLogStreamName(),
        }),
      logSink: options.logSink,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      onStarted: (functionName) => this.#queue.wake(functionName),
    });
    this.#runner = new InvocationRunner(this.#pool, options);
    this.#queue = new AsyncInvokeQueue({
      store: options.asyncEventStore ?? new InMemoryAsyncEventStore(),
      acquire: (name) => this.#acquireForEvent(name),
      execute: (event) => this.#executeEvent(event),
      settingsFor: (name) => this.#asyncSettings(name),
      deliver: (arn, payload) => options.targets.deliver(arn, payload),
      log: (functionName, requestId, line) => options.logSink({ functionName, requestId, line }),
      onThrottle: (functionName) =>
        options.onInvocation?.({
          functionName,
          kind: 'throttle',
          error: false,
          durationMs: 0,
          coldStart: false,
        }),
      ...(options.asyncRetryDelaysMs ? { retryDelaysMs: options.asyncRetryDelaysMs } : {}),
      ...(options.asyncConcurrencyPerFunction === undefined
        ? {}
        : { concurrencyPerFunction: options.asyncConcurrencyPerFunction }),
    });
  }

  /** Registers a function; ResourceConflictException if the name exists. */
  createFunction(config: FunctionConfig): void {
    if (this.#registry.find(config.name)) throw new ResourceConflictError(config.name);
    this.#concurrency.setReserved(config.name, config.reservedConcurrency);
    this.#registry.add(config);
    this.#pool.setFunction(config);
  }

  /**
   * Replaces a function's code or configuration. New invocations get new environments; in-flight
   * ones finish on the old code, whose environments are then disposed.
   */
  updateFunction(config: FunctionConfig): void {
    this.#registry.resolve(config.name);
    this.#concurrency.setReserved(config.name, config.reservedConcurrency);
    this.#registry.replace(config);
    this.#pool.setFunction(config);
    // A larger reservation lets waiting events run.
    this.#queue.wake(config.name);
  }

  async deleteFunction(nameOrArn: string): Promise<void> {
    const { config } = this.#registry.remove(nameOrArn);
    this.aliases.removeFunction(config.name);
    this.#concurrency.remove(config.name);
    this.#pool.removeFunction(config.name);
    // Its waiting events are dropped; its reservation returns to the pool, for others' events.
    this.#queue.wake(config.name);
  }

  getFunction(nameOrArn: string): FunctionConfig | undefined {
    return this.#registry.find(nameOrArn)?.config;
  }

  listFunctions(): FunctionConfig[] {
    return this.#registry.list().map((entry) => entry.config);
  }

  /**
   * Invokes a function as Lambda's Invoke API does: RequestResponse runs it and answers with its
   * result (a function error is a 200 with `functionError`); Event queues it and answers 202;
   * DryRun only checks it exists (204). Throws AWS's errors for unknown functions, payload limits,
   * invalid JSON, throttles and recursive loops.
   */
  async invoke(nameOrArn: string, payload: Buffer, options: InvokeOptions = {}): Promise<LambdaInvokeResult> {
    const target = this.aliases.unalias(nameOrArn, options.qualifier);
    const entry = this.#registry.resolve(target.nameOrArn, target.qualifier);
    const type = options.invocationType ?? 'RequestResponse';
    if (type === 'DryRun') return { statusCode: 204, payload: EMPTY, executedVersion: LATEST };
    const limit = type === 'Event' ? ASYNC_REQUEST_LIMIT_BYTES : SYNC_REQUEST_LIMIT_BYTES;
    if (payload.length > limit) {
      throw type === 'Event' ? RequestTooLargeError.async(payload.length) : RequestTooLargeError.sync();
    }
    const event = eventText(payload);
    const trace = traceForInvocation(options.traceHeader, entry.lineageHash);
    const name = entry.config.name;
    const requestId = randomUUID();

    if (type === 'Event') {
      const queued = {
        id: requestId,
        functionName: name,
        payload: event,
        traceHeader: options.traceHeader,
        acceptedAtMs: Date.now(),
      };
      if (trace.recursive) this.#queue.dropRecursive(queued);
      else {
        // Accepted means journaled: the 202 waits for the group commit of this loop turn.
        const durable = this.#queue.enqueue(queued);
        if (durable) await durable;
      }
      return { statusCode: 202, payload: EMPTY, executedVersion: LATEST, requestId };
    }

    if (trace.recursive) {
      this.#options.logSink({
        functionName: name,
        requestId,
        line: `Lambda stopped the invocation of ${name}: it would be the 17th in a recursive loop (RecursiveInvocationException).`,
      });
      throw new RecursiveInvocationError();
    }
    const reason = this.#concurrency.tryAcquire(name);
    if (reason) {
      this.#options.onInvocation?.({
        functionName: name,
        kind: 'throttle',
        error: false,
        durationMs: 0,
        coldStart: false,
      });
      throw new TooManyRequestsError(reason);
    }
    try {
      const run = await this.#runner.run(
        entry,
        requestId,
        event,
        trace.header,
        options.clientContext,
        options.logType === 'Tail',
      );
      return {
        statusCode: 200,
        payload: run.payload,
        executedVersion: LATEST,
        requestId,
        ...(run.functionError ? { functionError: 'Unhandled' as const } : {}),
        ...(run.logResult === undefined ? {} : { logResult: run.logResult }),
      };
    } finally {
      this.#concurrency.release(name);
      this.#queue.wake(name);
    }
  }

  stats(): LambdaStats {
    const concurrency = this.#concurrency.stats();
    const functions: Record<string, FunctionStats> = {};
    let environments = 0;
    for (const { config } of this.#registry.list()) {
      const pool = this.#pool.stats(config.name);
      environments += pool.environments;
      functions[config.name] = {
        concurrentExecutions: this.#concurrency.inFlightOf(config.name),
        environments: pool.environments,
        busyEnvironments: pool.busy,
        idleEnvironments: pool.idle,
        ...(config.reservedConcurrency === undefined
          ? {}
          : { reservedConcurrency: config.reservedConcurrency }),
      };
    }
    return {
      concurrentExecutions: concurrency.concurrentExecutions,
      environments,
      unreservedConcurrencyLimit: concurrency.unreservedLimit,
      pendingAsyncEvents: this.#queue.pending,
      functions,
    };
  }

  /** Runs the Event invocations a durable store kept across a restart; call once functions are registered. */
  recoverAsyncEvents(): void {
    this.#queue.recover();
  }

  /** Resolves once every accepted Event invocation has finished (tests, graceful shutdown). */
  whenAsyncIdle(): Promise<void> {
    return this.#queue.whenIdle();
  }

  /** Stops the async queue and disposes every execution environment. */
  async close(): Promise<void> {
    this.#queue.close();
    await this.#pool.close();
  }

  /** Takes a unit of concurrency for a queued Event invocation ({@link #executeEvent} returns it). */
  #acquireForEvent(functionName: string): CapacityAnswer {
    if (!this.#registry.find(functionName)) return 'gone';
    // One cold start at a time per function for queued events: the others wait for it to warm.
    if (this.#pool.isWarming(functionName)) return 'warming';
    const reason = this.#concurrency.tryAcquire(functionName);
    if (reason === undefined) return 'acquired';
    return reason === 'ConcurrentInvocationLimitExceeded' ? 'account-limit' : 'function-limit';
  }

  /** One attempt of a queued Event invocation, with the unit {@link #acquireForEvent} took. */
  async #executeEvent(event: QueuedEvent): Promise<AttemptResult> {
    const entry = this.#registry.find(event.functionName);
    if (!entry) {
      this.#concurrency.release(event.functionName);
      return GONE;
    }
    try {
      const trace = traceForInvocation(event.traceHeader, entry.lineageHash);
      const run = await this.#runner.run(entry, event.id, event.payload, trace.header, undefined, false);
      const payload = run.payload.toString();
      return run.functionError ? { kind: 'error', payload } : { kind: 'success', payload };
    } finally {
      this.#concurrency.release(entry.config.name);
    }
  }

  #asyncSettings(functionName: string): AsyncFunctionSettings | undefined {
    const config = this.#registry.find(functionName)?.config;
    return config && asyncSettingsOf(config);
  }
}
