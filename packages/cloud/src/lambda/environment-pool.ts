import { availableParallelism } from 'node:os';
import type { LogTail } from './invocation-log.js';
import type { FunctionConfig, LogSink } from './types.js';

/** What an execution environment is asked to run (mirrors `ExecutionEnvironment.invoke`'s request). */
export interface EnvironmentInvocation {
  readonly requestId: string;
  readonly payload: string;
  readonly deadlineMs: number;
  readonly traceId: string;
  readonly clientContext?: string;
  readonly identity?: unknown;
}

/** The error a function reports (`{ errorType, errorMessage, trace }`, Lambda's error payload). */
export interface FunctionErrorShape {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** How an invocation ended, as the execution environment reports it. */
export type EnvironmentOutcome =
  | {
      readonly kind: 'success';
      readonly payload: string;
      readonly durationMs: number;
      readonly maxMemoryUsedMb: number;
    }
  | {
      readonly kind: 'error';
      readonly error: FunctionErrorShape;
      readonly environmentDied: boolean;
      readonly durationMs: number;
      readonly maxMemoryUsedMb: number;
    };

/** Options an execution environment starts with. */
export interface EnvironmentStartOptions {
  readonly runtimeEnv: Record<string, string>;
  readonly onLog: (line: string, requestId?: string) => void;
}

/**
 * The port the pool drives: one execution environment (a worker thread in production, a fake in
 * unit tests). `ExecutionEnvironment` satisfies it structurally.
 */
export interface EnvironmentHandle {
  readonly initDurationMs: number;
  readonly alive: boolean;
  invoke(request: EnvironmentInvocation): Promise<EnvironmentOutcome>;
  dispose(): Promise<void>;
}

/** Starts an environment for a function; rejects with the init error when the handler fails to load. */
export type StartEnvironment = (
  config: FunctionConfig,
  options: EnvironmentStartOptions,
) => Promise<EnvironmentHandle>;

/** One environment in the pool, with what the service needs to know about its current invocation. */
export class PooledEnvironment {
  readonly functionName: string;
  readonly generation: number;
  /** Set once started. */
  env: EnvironmentHandle | undefined;
  /** True until the environment has served its first invocation (which reports Init Duration). */
  cold = true;
  /** The current invocation's LogType Tail buffer, if it asked for one. */
  tail: LogTail | undefined;
  idleSinceMs = 0;
  readonly #logSink: LogSink;

  constructor(functionName: string, generation: number, logSink: LogSink) {
    this.functionName = functionName;
    this.generation = generation;
    this.#logSink = logSink;
  }

  /** Receives the function's own output (one closure per environment, not per invocation). */
  log(line: string, requestId?: string): void {
    this.#logSink({ functionName: this.functionName, requestId, line });
    this.tail?.push(line);
  }
}

interface FunctionEnvironments {
  generation: number;
  config: FunctionConfig;
  /** Most recently used last, so the warmest environment is reused first. */
  readonly idle: PooledEnvironment[];
  readonly busy: Set<PooledEnvironment>;
  /** Environments in their init phase (counted in `busy` too). */
  starting: number;
}

/** What the pool needs from the service. */
export interface EnvironmentPoolOptions {
  readonly startEnvironment: StartEnvironment;
  /** Builds an environment's variables (the log stream name is per environment). */
  readonly runtimeEnv: (config: FunctionConfig) => Record<string, string>;
  readonly logSink: LogSink;
  /** Idle environments older than this are disposed. */
  readonly idleTimeoutMs: number;
  /** Told when an environment's init phase ended (well or not), for work waiting on {@link EnvironmentPool.isWarming}. */
  readonly onStarted?: (functionName: string) => void;
  /**
   * Cold starts (init phases) at once on this machine, default twice the CPU count; more wait for
   * one to finish, or for an environment of their function to come free. AWS would run them in
   * parallel on other hosts; on one machine, parallel inits only slow each other down until they
   * all miss Lambda's 10 s init limit — the storm a fresh `npm start` of ninety functions causes.
   */
  readonly maxConcurrentInits?: number;
}

/** Counts per function, for `stats()`. */
export interface PoolStats {
  readonly environments: number;
  readonly busy: number;
  readonly idle: number;
}

/**
 * Warm execution environments per function. Each environment runs one invocation at a time; when
 * all are busy a new one starts (a cold start). Idle ones are reaped after `idleTimeoutMs`. When a
 * function's code or configuration changes, new invocations get new environments while in-flight
 * ones finish on the old code, whose environments are then disposed.
 */
export class EnvironmentPool {
  readonly #options: EnvironmentPoolOptions;
  readonly #functions = new Map<string, FunctionEnvironments>();
  readonly #reaper: NodeJS.Timeout;
  /** Pool-wide, so a function deleted and created again never reuses an old environment. */
  #generation = 0;
  #closed = false;
  /** Init phases under way, machine-wide, and the acquisitions waiting for room to start one. */
  #initsRunning = 0;
  readonly #maxInits: number;
  #waiters: Array<() => void> = [];

  constructor(options: EnvironmentPoolOptions) {
    this.#options = options;
    this.#maxInits = Math.max(1, options.maxConcurrentInits ?? availableParallelism() * 2);
    const interval = Math.max(50, Math.min(10_000, Math.floor(options.idleTimeoutMs / 2)));
    this.#reaper = setInterval(() => this.reapIdle(), interval);
    // The reaper must never keep the process alive on its own.
    this.#reaper.unref();
  }

  /** Registers a function (or replaces its configuration, which retires its environments). */
  setFunction(config: FunctionConfig): void {
    const existing = this.#functions.get(config.name);
    if (!existing) {
      this.#functions.set(config.name, {
        generation: ++this.#generation,
        config,
        idle: [],
        busy: new Set(),
        starting: 0,
      });
      return;
    }
    existing.generation = ++this.#generation;
    existing.config = config;
    // Busy environments of the old generation are disposed when their invocation releases them.
    for (const pooled of existing.idle.splice(0)) this.#dispose(pooled);
  }

  /** Forgets a function: idle environments go now, busy ones when their invocation ends. */
  removeFunction(functionName: string): void {
    const existing = this.#functions.get(functionName);
    if (!existing) return;
    this.#functions.delete(functionName);
    for (const pooled of existing.idle.splice(0)) this.#dispose(pooled);
  }

  /**
   * A free environment of the function's current code, warm if one is idle, else newly started.
   * Rejects with the environment's init error when the handler cannot be loaded.
   */
  async acquire(functionName: string): Promise<PooledEnvironment> {
    for (;;) {
      const fn = this.#functions.get(functionName);
      if (!fn || this.#closed) throw new Error(`No environments for ${functionName}: the function is gone`);
      let pooled = fn.idle.pop();
      while (pooled && !pooled.env?.alive) {
        this.#dispose(pooled);
        pooled = fn.idle.pop();
      }
      if (pooled) {
        fn.busy.add(pooled);
        return pooled;
      }
      if (this.#initsRunning < this.#maxInits) return this.#start(fn, functionName);
      // No room for another init: wait for one to end or an environment to come free, then look again.
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Lets every waiting acquisition look again (an init ended, or an environment came free). */
  #wakeWaiters(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  async #start(fn: FunctionEnvironments, functionName: string): Promise<PooledEnvironment> {
    const pooled = new PooledEnvironment(functionName, fn.generation, this.#options.logSink);
    fn.busy.add(pooled);
    const started = pooled;
    fn.starting++;
    this.#initsRunning++;
    try {
      started.env = await this.#options.startEnvironment(fn.config, {
        runtimeEnv: this.#options.runtimeEnv(fn.config),
        onLog: (line, requestId) => started.log(line, requestId),
      });
    } catch (error) {
      fn.busy.delete(started);
      throw error;
    } finally {
      fn.starting--;
      this.#initsRunning--;
      this.#wakeWaiters();
      this.#options.onStarted?.(functionName);
    }
    return started;
  }

  /**
   * Returns an environment after its invocation. Dead, outdated or `discard`ed ones are disposed:
   * Lambda never reuses an environment after a timeout, an out-of-memory or an exit.
   */
  release(pooled: PooledEnvironment, discard = false): void {
    pooled.tail = undefined;
    const fn = this.#functions.get(pooled.functionName);
    fn?.busy.delete(pooled);
    if (discard || !fn || this.#closed || fn.generation !== pooled.generation || !pooled.env?.alive) {
      this.#dispose(pooled);
      return;
    }
    pooled.idleSinceMs = performance.now();
    fn.idle.push(pooled);
    if (this.#waiters.length > 0) this.#wakeWaiters();
  }

  /** Disposes environments idle for longer than `idleTimeoutMs` (the reaper calls this). */
  reapIdle(nowMs: number = performance.now()): void {
    for (const fn of this.#functions.values()) {
      // idle is ordered by release time, so the stale ones are at the front.
      let stale = 0;
      while (stale < fn.idle.length && nowMs - fn.idle[stale]!.idleSinceMs >= this.#options.idleTimeoutMs)
        stale++;
      for (const pooled of fn.idle.splice(0, stale)) this.#dispose(pooled);
    }
  }

  /**
   * True when the function has no idle environment and one is already in its init phase: the
   * async queue then waits for it rather than start another (cold starts on a busy machine slow
   * each other down, up to the init timeout).
   */
  isWarming(functionName: string): boolean {
    const fn = this.#functions.get(functionName);
    return fn !== undefined && fn.idle.length === 0 && fn.starting > 0;
  }

  stats(functionName: string): PoolStats {
    const fn = this.#functions.get(functionName);
    if (!fn) return { environments: 0, busy: 0, idle: 0 };
    return { environments: fn.idle.length + fn.busy.size, busy: fn.busy.size, idle: fn.idle.length };
  }

  /** Stops the reaper and disposes every environment, busy ones included. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#reaper);
    this.#wakeWaiters();
    const all: PooledEnvironment[] = [];
    for (const fn of this.#functions.values()) all.push(...fn.idle.splice(0), ...fn.busy);
    await Promise.all(all.map((pooled) => pooled.env?.dispose().catch(() => undefined)));
  }

  #dispose(pooled: PooledEnvironment): void {
    // Disposal is best effort and must not block the invocation that triggered it.
    pooled.env?.dispose().catch(() => undefined);
  }
}
