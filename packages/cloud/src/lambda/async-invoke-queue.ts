import type { FunctionConfig } from './types.js';

/** One Event invocation waiting in (or being worked by) the async queue. */
export interface QueuedEvent {
  /** The request id the caller got back with its 202; every attempt runs under it. */
  readonly id: string;
  readonly functionName: string;
  readonly payload: string;
  /** The caller's `X-Amzn-Trace-Id`, so retries continue the same recursion lineage. */
  readonly traceHeader?: string;
  /** Wall-clock time of acceptance (ms), for MaximumEventAgeInSeconds. */
  readonly acceptedAtMs: number;
  /** Attempts that ran the function (throttles are not attempts). */
  attempts: number;
  /** Consecutive throttles, for the backoff. */
  throttles: number;
  /** When the next attempt is due (wall-clock ms). */
  dueAtMs: number;
}

/**
 * Where the async queue keeps its events. The queue calls `put` on accept and after every attempt
 * and `delete` when an event is finished, so a durable implementation can recover the queue with
 * `all()` after a restart.
 */
export interface AsyncEventStore {
  put(event: QueuedEvent): void;
  delete(id: string): void;
  all(): QueuedEvent[];
}

/** The default store: events live as long as the process. */
export class InMemoryAsyncEventStore implements AsyncEventStore {
  readonly #events = new Map<string, QueuedEvent>();

  put(event: QueuedEvent): void {
    this.#events.set(event.id, event);
  }

  delete(id: string): void {
    this.#events.delete(id);
  }

  all(): QueuedEvent[] {
    return [...this.#events.values()];
  }
}

/** How one attempt at an event ended, as the service reports it to the queue. */
export type AttemptResult =
  | { readonly kind: 'success'; readonly payload: string }
  /** A function error; `payload` is the error JSON Lambda would return. */
  | { readonly kind: 'error'; readonly payload: string }
  /** No concurrency free: retried with backoff, not counted as an attempt. */
  | { readonly kind: 'throttled' }
  /** The function was deleted meanwhile: the event is dropped. */
  | { readonly kind: 'gone' };

/** Why an event is handed to the failure destination / dead-letter target. */
export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded' | 'RecursiveInvocationDetected';

/** The invocation record Lambda sends to destinations (`version` 1.0). */
export interface DestinationRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: 'Success' | FailureCondition;
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext?: {
    readonly statusCode: 200;
    readonly executedVersion: '$LATEST';
    readonly functionError?: 'Unhandled';
  };
  readonly responsePayload?: unknown;
}

/** What the queue needs to know about a function to finish its events. */
export interface AsyncFunctionSettings {
  readonly arn: string;
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
  readonly onSuccess?: string;
  readonly onFailure?: string;
  readonly deadLetterTargetArn?: string;
}

/** A function's async settings, with Lambda's defaults (2 retries, 6 hours). */
export function asyncSettingsOf(config: FunctionConfig): AsyncFunctionSettings {
  const async = config.asyncInvokeConfig;
  return {
    arn: config.arn,
    maximumRetryAttempts: async?.maximumRetryAttempts ?? 2,
    maximumEventAgeInSeconds: async?.maximumEventAgeInSeconds ?? 21_600,
    ...(async?.onSuccess ? { onSuccess: async.onSuccess } : {}),
    ...(async?.onFailure ? { onFailure: async.onFailure } : {}),
    ...(config.deadLetterTargetArn ? { deadLetterTargetArn: config.deadLetterTargetArn } : {}),
  };
}

/**
 * Local defaults for the delays before the two retries of a failed event. AWS waits about one
 * minute, then about two; locally that would make a failing handler look stuck, so the defaults
 * are one and two seconds. Pass `asyncRetryDelaysMs: [60_000, 120_000]` for AWS's timing.
 */
export const DEFAULT_ASYNC_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000];

/** What the queue needs from the service; `now` is injectable for tests. */
export interface AsyncInvokeQueueOptions {
  readonly store: AsyncEventStore;
  /** Runs one attempt of an event. */
  readonly execute: (event: QueuedEvent) => Promise<AttemptResult>;
  /** The function's current settings, or undefined when it no longer exists. */
  readonly settingsFor: (functionName: string) => AsyncFunctionSettings | undefined;
  readonly deliver: (targetArn: string, payload: string) => Promise<void>;
  /** Writes a line to the function's log (the queue's own notices: drops, delivery failures). */
  readonly log: (functionName: string, requestId: string, line: string) => void;
  readonly retryDelaysMs?: readonly number[];
  /** First and largest delay after a throttle; AWS backs off from about a second up to minutes. */
  readonly throttleBackoffMs?: { readonly initial: number; readonly max: number };
  readonly now?: () => number;
}

/**
 * Lambda's queue for Event invocations: accepted events run in the background; a function error
 * is retried `maximumRetryAttempts` times (default 2) after the retry delays; throttles are retried
 * with exponential backoff until the event is older than `maximumEventAgeInSeconds` (default 6 h);
 * then the OnFailure destination gets the invocation record and the dead-letter target the original
 * event. Successes go to the OnSuccess destination.
 *
 * AWS also sets three message attributes on a dead-letter message (RequestID, ErrorCode — the
 * 3-digit status — and ErrorMessage, its first 1 KB); `TargetRouter.deliver` carries a body only,
 * so they are written to the function's log instead.
 */
export class AsyncInvokeQueue {
  readonly #options: AsyncInvokeQueueOptions;
  readonly #retryDelaysMs: readonly number[];
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #running = new Set<string>();
  readonly #background = new Set<Promise<void>>();
  #idleWaiters: (() => void)[] = [];
  #closed = false;

  constructor(options: AsyncInvokeQueueOptions) {
    this.#options = options;
    this.#retryDelaysMs = options.retryDelaysMs ?? DEFAULT_ASYNC_RETRY_DELAYS_MS;
  }

  /**
   * Picks up the events a durable store kept across a restart. Called once the functions are
   * registered again, or the events would find no function and be dropped.
   */
  recover(): void {
    const queued = new Set([...this.#timers.keys(), ...this.#running]);
    for (const event of this.#options.store.all()) if (!queued.has(event.id)) this.#schedule(event);
  }

  /** Accepts an event; it runs as soon as the event loop is free. */
  enqueue(event: Omit<QueuedEvent, 'attempts' | 'throttles' | 'dueAtMs'>): void {
    const queued: QueuedEvent = { ...event, attempts: 0, throttles: 0, dueAtMs: event.acceptedAtMs };
    this.#options.store.put(queued);
    this.#schedule(queued);
  }

  /** Drops an event Lambda's loop detection stopped: straight to the failure destination / DLQ. */
  dropRecursive(event: Omit<QueuedEvent, 'attempts' | 'throttles' | 'dueAtMs'>): void {
    this.#options.log(
      event.functionName,
      event.id,
      `Lambda stopped this asynchronous invocation of ${event.functionName}: it was the 17th in a recursive loop (RequestId: ${event.id}). The event goes to the on-failure destination or dead-letter queue, if one is configured.`,
    );
    this.#track(
      this.#fail({ ...event, attempts: 0, throttles: 0, dueAtMs: 0 }, 'RecursiveInvocationDetected'),
    );
  }

  /** Events accepted and not yet finished. */
  get pending(): number {
    return this.#timers.size + this.#running.size + this.#background.size;
  }

  /** Resolves once every accepted event is finished (destinations delivered). */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops scheduling; events stay in the store for a durable implementation to resume. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #schedule(event: QueuedEvent): void {
    if (this.#closed) return;
    const delay = Math.max(0, event.dueAtMs - this.#now());
    const timer = setTimeout(() => {
      this.#timers.delete(event.id);
      this.#running.add(event.id);
      this.#attempt(event)
        .catch((error: unknown) =>
          this.#options.log(event.functionName, event.id, `Async invocation failed: ${String(error)}`),
        )
        .finally(() => {
          this.#running.delete(event.id);
          this.#notifyIfIdle();
        });
    }, delay);
    // Queued retries must not keep a process (or a test run) alive on their own.
    timer.unref();
    this.#timers.set(event.id, timer);
  }

  async #attempt(event: QueuedEvent): Promise<void> {
    const settings = this.#options.settingsFor(event.functionName);
    if (!settings) {
      this.#options.store.delete(event.id);
      return;
    }
    if (this.#now() - event.acceptedAtMs > settings.maximumEventAgeInSeconds * 1000) {
      await this.#fail(event, 'EventAgeExceeded', undefined, settings);
      return;
    }
    const result = await this.#options.execute(event);
    switch (result.kind) {
      case 'gone':
        this.#options.store.delete(event.id);
        return;
      case 'throttled': {
        const backoff = this.#options.throttleBackoffMs ?? { initial: 50, max: 1_000 };
        event.throttles++;
        event.dueAtMs = this.#now() + Math.min(backoff.max, backoff.initial * 2 ** (event.throttles - 1));
        this.#reschedule(event);
        return;
      }
      case 'success':
        event.attempts++;
        this.#options.store.delete(event.id);
        if (settings.onSuccess) {
          await this.#deliver(
            event,
            settings.onSuccess,
            JSON.stringify(record(event, settings, 'Success', result)),
          );
        }
        return;
      case 'error': {
        event.attempts++;
        event.throttles = 0;
        if (event.attempts <= settings.maximumRetryAttempts) {
          const delays = this.#retryDelaysMs;
          event.dueAtMs = this.#now() + (delays[event.attempts - 1] ?? delays[delays.length - 1] ?? 0);
          this.#reschedule(event);
          return;
        }
        await this.#fail(event, 'RetriesExhausted', result, settings);
        return;
      }
    }
  }

  #reschedule(event: QueuedEvent): void {
    this.#options.store.put(event);
    this.#schedule(event);
  }

  async #fail(
    event: QueuedEvent,
    condition: FailureCondition,
    last?: AttemptResult,
    settings = this.#options.settingsFor(event.functionName),
  ): Promise<void> {
    this.#options.store.delete(event.id);
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

/** Builds the invocation record AWS sends to OnSuccess / OnFailure destinations. */
export function record(
  event: QueuedEvent,
  settings: AsyncFunctionSettings,
  condition: 'Success' | FailureCondition,
  last?: AttemptResult,
): DestinationRecord {
  const ran = last?.kind === 'success' || last?.kind === 'error';
  return {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: event.id,
      functionArn: `${settings.arn}:$LATEST`,
      condition,
      approximateInvokeCount: event.attempts,
    },
    requestPayload: parseOrKeep(event.payload),
    ...(ran
      ? {
          responseContext: {
            statusCode: 200,
            executedVersion: '$LATEST',
            ...(last.kind === 'error' ? { functionError: 'Unhandled' as const } : {}),
          },
          responsePayload: parseOrKeep(last.payload),
        }
      : {}),
  };
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
