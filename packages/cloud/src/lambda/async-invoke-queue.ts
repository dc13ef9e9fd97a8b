import { type AsyncFunctionSettings, type FailureCondition, record } from './async-destination-record.js';
import { AsyncDispatchLane } from './async-dispatch-lane.js';
import type {
  AcceptedEvent,
  AsyncEventStore,
  AttemptResult,
  CapacityAnswer,
  QueuedEvent,
} from './async-event.js';

/**
 * Local defaults for the delays before the two retries of a failed event. AWS waits about one
 * minute, then about two; locally that would make a failing handler look stuck, so the defaults
 * are one and two seconds. Pass `asyncRetryDelaysMs: [60_000, 120_000]` for AWS's timing.
 */
export const DEFAULT_ASYNC_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000];

/**
 * How many execution environments one function's Event invocations use at most (fewer when its
 * reserved concurrency is lower). On AWS they scale to the account's concurrency; locally every
 * environment is a worker thread, so a burst past this waits in the queue instead of cold-starting
 * hundreds of them, and the account's pool stays free for synchronous invokes.
 */
export const DEFAULT_ASYNC_CONCURRENCY_PER_FUNCTION = 10;

/** How often events that wait for an environment are checked against MaximumEventAgeInSeconds. */
const AGE_SWEEP_MS = 1_000;

/** What the queue needs from the service; `now` is injectable for tests. */
export interface AsyncInvokeQueueOptions {
  readonly store: AsyncEventStore;
  /** Takes one unit of the function's concurrency for an attempt, or says why it cannot. */
  readonly acquire: (functionName: string) => CapacityAnswer;
  /** Runs one attempt of an event with the unit `acquire` took, and returns the unit. */
  readonly execute: (event: QueuedEvent) => Promise<AttemptResult>;
  /** The function's current settings, or undefined when it no longer exists. */
  readonly settingsFor: (functionName: string) => AsyncFunctionSettings | undefined;
  readonly deliver: (targetArn: string, payload: string) => Promise<void>;
  /** Writes a line to the function's log (the queue's own notices: drops, delivery failures). */
  readonly log: (functionName: string, requestId: string, line: string) => void;
  /** Told when the account's or the function's concurrency holds events back (the Throttles metric). */
  readonly onThrottle?: (functionName: string) => void;
  readonly retryDelaysMs?: readonly number[];
  readonly concurrencyPerFunction?: number;
  readonly now?: () => number;
}

/**
 * Lambda's queue for Event invocations. Each function has a lane of events in arrival order; an
 * event is dispatched as soon as the function has a free execution environment (below its cap)
 * and the concurrency pool a free unit — at once on arrival, when an attempt ends, or when the
 * service calls {@link wake}. No timer runs for an event that waits and nothing is written for
 * it: it is journaled once, when accepted. While one of the function's environments is starting,
 * events that would need another wait for it, so a burst warms environments one after another
 * instead of cold-starting all of them at once.
 *
 * A function error is retried `maximumRetryAttempts` times (default 2) after the retry delays;
 * an event older than `maximumEventAgeInSeconds` (default 6 h) is not run; then the OnFailure
 * destination gets the invocation record and the dead-letter target the original event.
 * Successes go to the OnSuccess destination.
 *
 * AWS also sets three message attributes on a dead-letter message (RequestID, ErrorCode — the
 * 3-digit status — and ErrorMessage, its first 1 KB); `TargetRouter.deliver` carries a body only,
 * so they are written to the function's log instead.
 *
 * @example
 * const queue = new AsyncInvokeQueue({ store, acquire, execute, settingsFor, deliver, log });
 * await queue.enqueue({ id, functionName, payload, acceptedAtMs: Date.now() });
 */
export class AsyncInvokeQueue {
  readonly #options: AsyncInvokeQueueOptions;
  readonly #retryDelaysMs: readonly number[];
  readonly #concurrencyPerFunction: number;
  readonly #lanes = new Map<string, AsyncDispatchLane>();
  /** Lanes held back by the account's unreserved pool: any release in the account may free them. */
  readonly #waitingForAccount = new Set<AsyncDispatchLane>();
  /** Events waiting out a retry delay after a function error. */
  readonly #retryTimers = new Map<string, NodeJS.Timeout>();
  /** Ids of every event the queue holds: waiting, running or waiting for a retry. */
  readonly #held = new Set<string>();
  readonly #background = new Set<Promise<void>>();
  #ageSweep: NodeJS.Timeout | undefined;
  #idleWaiters: (() => void)[] = [];
  #closed = false;

  constructor(options: AsyncInvokeQueueOptions) {
    this.#options = options;
    this.#retryDelaysMs = options.retryDelaysMs ?? DEFAULT_ASYNC_RETRY_DELAYS_MS;
    this.#concurrencyPerFunction = options.concurrencyPerFunction ?? DEFAULT_ASYNC_CONCURRENCY_PER_FUNCTION;
  }

  /**
   * Picks up the events a durable store kept across a restart, oldest first. Called once the
   * functions are registered again, or the events would find no function and be dropped.
   */
  recover(): void {
    const kept = this.#options.store.all().filter((event) => !this.#held.has(event.id));
    kept.sort((a, b) => a.acceptedAtMs - b.acceptedAtMs);
    const lanes = new Set<AsyncDispatchLane>();
    for (const event of kept) {
      this.#held.add(event.id);
      if (event.dueAtMs > this.#now()) this.#retryLater(event);
      else {
        const lane = this.#lane(event.functionName);
        lane.push(event);
        lanes.add(lane);
      }
    }
    for (const lane of lanes) this.#pump(lane);
  }

  /**
   * Accepts an event and dispatches it at once if the function has room. The returned promise,
   * if any, resolves once the store has made the event durable: answer the 202 after it.
   */
  enqueue(event: AcceptedEvent): Promise<void> | undefined {
    const queued: QueuedEvent = { ...event, attempts: 0, dueAtMs: event.acceptedAtMs };
    const durable = this.#options.store.put(queued);
    this.#held.add(queued.id);
    const lane = this.#lane(queued.functionName);
    lane.push(queued);
    this.#pump(lane);
    return durable;
  }

  /** Drops an event Lambda's loop detection stopped: straight to the failure destination / DLQ. */
  dropRecursive(event: AcceptedEvent): void {
    this.#options.log(
      event.functionName,
      event.id,
      `Lambda stopped this asynchronous invocation of ${event.functionName}: it was the 17th in a recursive loop (RequestId: ${event.id}). The event goes to the on-failure destination or dead-letter queue, if one is configured.`,
    );
    const settings = this.#options.settingsFor(event.functionName);
    this.#track(this.#fail({ ...event, attempts: 0, dueAtMs: 0 }, 'RecursiveInvocationDetected', settings));
  }

  /**
   * Gives the function's waiting events, and those the account's pool held back, their turn:
   * called when a synchronous invoke returned its unit, an environment finished starting, the
   * function's reservation changed or the function was deleted.
   */
  wake(functionName: string): void {
    const lane = this.#lanes.get(functionName);
    if (lane) this.#pump(lane);
    this.#pumpWaitingForAccount();
  }

  /** Events accepted and not yet finished. */
  get pending(): number {
    return this.#held.size + this.#background.size;
  }

  /** Resolves once every accepted event is finished (destinations delivered). */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops dispatching; events stay in the store for a durable implementation to resume. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    this.#retryTimers.clear();
    clearInterval(this.#ageSweep);
  }

  /** Starts as many of the lane's waiting events as the function's cap and the pool allow. */
  #pump(lane: AsyncDispatchLane): void {
    if (this.#closed || lane.size === 0) return;
    const settings = this.#options.settingsFor(lane.functionName);
    if (!settings) {
      this.#dropLane(lane);
      return;
    }
    const cap = Math.min(this.#concurrencyPerFunction, settings.reservedConcurrency ?? Infinity);
    const maxAgeMs = settings.maximumEventAgeInSeconds * 1000;
    while (lane.size > 0) {
      const event = lane.peek()!;
      if (this.#now() - event.acceptedAtMs > maxAgeMs) {
        lane.shift();
        this.#finish(event, this.#fail(event, 'EventAgeExceeded', settings));
        continue;
      }
      if (lane.running >= cap) break;
      const answer = this.#options.acquire(lane.functionName);
      if (answer === 'gone') {
        this.#dropLane(lane);
        return;
      }
      if (answer !== 'acquired') {
        if (answer === 'account-limit') this.#waitingForAccount.add(lane);
        if (answer !== 'warming') this.#options.onThrottle?.(lane.functionName);
        break;
      }
      lane.shift();
      lane.running++;
      this.#start(lane, event, settings);
    }
    if (lane.size === 0) this.#waitingForAccount.delete(lane);
    else this.#sweepAges();
  }

  #pumpWaitingForAccount(): void {
    for (const lane of this.#waitingForAccount) {
      this.#waitingForAccount.delete(lane);
      this.#pump(lane);
      // A lane that could not start anything went back into the set: the pool is full again.
      if (this.#waitingForAccount.has(lane)) return;
    }
  }

  #start(lane: AsyncDispatchLane, event: QueuedEvent, settings: AsyncFunctionSettings): void {
    this.#attempt(event, settings)
      .catch((error: unknown) => {
        // Left in the store, so a restart runs it again; forgotten here, so whenIdle still resolves.
        this.#held.delete(event.id);
        this.#options.log(event.functionName, event.id, `Async invocation failed: ${String(error)}`);
      })
      .finally(() => {
        lane.running--;
        this.#pump(lane);
        this.#pumpWaitingForAccount();
        this.#notifyIfIdle();
      });
  }

  async #attempt(event: QueuedEvent, settings: AsyncFunctionSettings): Promise<void> {
    const result = await this.#options.execute(event).catch((error: unknown): AttemptResult => {
      // The environment broke in a way it could not report: an attempt that failed, like a crash.
      this.#options.log(event.functionName, event.id, `Async invocation failed: ${String(error)}`);
      const errorMessage = error instanceof Error ? error.message : String(error);
      return { kind: 'error', payload: JSON.stringify({ errorType: 'Runtime.Unknown', errorMessage }) };
    });
    switch (result.kind) {
      case 'gone':
        this.#finish(event);
        return;
      case 'success':
        event.attempts++;
        this.#finish(
          event,
          settings.onSuccess
            ? this.#deliver(
                event,
                settings.onSuccess,
                JSON.stringify(record(event, settings, 'Success', result)),
              )
            : undefined,
        );
        return;
      case 'error': {
        event.attempts++;
        if (event.attempts <= settings.maximumRetryAttempts) {
          const delays = this.#retryDelaysMs;
          event.dueAtMs = this.#now() + (delays[event.attempts - 1] ?? delays[delays.length - 1] ?? 0);
          // The attempt count must survive a restart, or a crash-looping cloud would retry forever.
          this.#options.store.put(event)?.catch(() => undefined);
          this.#retryLater(event);
          return;
        }
        this.#finish(event, this.#fail(event, 'RetriesExhausted', settings, result));
        return;
      }
    }
  }

  /** Forgets a finished event; `after` is its destination delivery, tracked until done. */
  #finish(event: QueuedEvent, after?: Promise<void>): void {
    this.#options.store.delete(event.id);
    this.#held.delete(event.id);
    if (after) this.#track(after);
  }

  #retryLater(event: QueuedEvent): void {
    if (this.#closed) return;
    const timer = setTimeout(
      () => {
        this.#retryTimers.delete(event.id);
        const lane = this.#lane(event.functionName);
        lane.push(event);
        this.#pump(lane);
      },
      Math.max(0, event.dueAtMs - this.#now()),
    );
    // Queued retries must not keep a process (or a test run) alive on their own.
    timer.unref();
    this.#retryTimers.set(event.id, timer);
  }

  /** The function is gone: its waiting events are dropped, as Lambda drops them. */
  #dropLane(lane: AsyncDispatchLane): void {
    for (const event of lane.drain()) this.#finish(event);
    this.#waitingForAccount.delete(lane);
    this.#notifyIfIdle();
  }

  /** While events wait, checks once a second that none outlived MaximumEventAgeInSeconds. */
  #sweepAges(): void {
    if (this.#ageSweep || this.#closed) return;
    this.#ageSweep = setInterval(() => {
      let waiting = false;
      for (const lane of this.#lanes.values()) {
        this.#pump(lane);
        waiting ||= lane.size > 0;
      }
      if (!waiting) {
        clearInterval(this.#ageSweep);
        this.#ageSweep = undefined;
      }
    }, AGE_SWEEP_MS);
    this.#ageSweep.unref();
  }

  async #fail(
    event: QueuedEvent,
    condition: FailureCondition,
    settings: AsyncFunctionSettings | undefined,
    last?: AttemptResult,
  ): Promise<void> {
    if (!settings) return;
    if (settings.onFailure) {
      await this.#deliver(
        event,
        settings.onFailure,
        JSON.stringify(record(event, settings, condition, last)),
      );
    }
    if (settings.deadLetterTargetArn) {
      const errorMessage = last?.kind === 'error' ? last.payload.slice(0, 1024) : condition;
      this.#options.log(
        event.functionName,
        event.id,
        `Sending the event to the dead-letter target ${settings.deadLetterTargetArn} (RequestID: ${event.id}, ErrorCode: 200, ErrorMessage: ${errorMessage})`,
      );
      await this.#deliver(event, settings.deadLetterTargetArn, event.payload);
    }
    if (!settings.onFailure && !settings.deadLetterTargetArn) {
      this.#options.log(
        event.functionName,
        event.id,
        `Discarding the asynchronous event (${condition}, ${event.attempts} attempt(s)): the function has no on-failure destination or dead-letter queue`,
      );
    }
  }

  async #deliver(event: QueuedEvent, targetArn: string, payload: string): Promise<void> {
    try {
      await this.#options.deliver(targetArn, payload);
    } catch (error) {
      this.#options.log(event.functionName, event.id, `Could not deliver to ${targetArn}: ${String(error)}`);
    }
  }

  #lane(functionName: string): AsyncDispatchLane {
    let lane = this.#lanes.get(functionName);
    if (!lane) {
      lane = new AsyncDispatchLane(functionName);
      this.#lanes.set(functionName, lane);
    }
    return lane;
  }

  #track(work: Promise<void>): void {
    this.#background.add(work);
    void work.finally(() => {
      this.#background.delete(work);
      this.#notifyIfIdle();
    });
  }

  #notifyIfIdle(): void {
    if (this.pending !== 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }
}
