/** One Event invocation waiting in (or being worked by) the async queue. */
export interface QueuedEvent {
  /** The request id the caller got back with its 202; every attempt runs under it. */
  readonly id: string;
  readonly functionName: string;
  readonly payload: string;
  /** The caller's `X-Amzn-Trace-Id`, so retries continue the same recursion lineage. */
  readonly traceHeader?: string | undefined;
  /** Wall-clock time of acceptance (ms), for MaximumEventAgeInSeconds. */
  readonly acceptedAtMs: number;
  /** Attempts that ran the function (waiting for a free environment is not an attempt). */
  attempts: number;
  /** When the next attempt is due (wall-clock ms): later than now only while a retry waits. */
  dueAtMs: number;
}

/** What the caller of {@link AsyncInvokeQueue.enqueue} hands over; the queue adds the counters. */
export type AcceptedEvent = Omit<QueuedEvent, 'attempts' | 'dueAtMs'>;

/**
 * Where the async queue keeps its events. The queue calls `put` when it accepts an event and
 * after each failed attempt, and `delete` when an event is finished, so a durable implementation
 * can recover the queue with `all()` after a restart. Waiting for a free execution environment
 * is never written: it changes nothing a restart would need.
 */
export interface AsyncEventStore {
  /**
   * Records an event. A returned promise resolves once the record would survive a kill -9 (the
   * 202 waits for it); `undefined` means it already would, or that the store is not durable.
   */
  put(event: QueuedEvent): Promise<void> | undefined;
  delete(id: string): void;
  all(): QueuedEvent[];
}

/** The default store: events live as long as the process. */
export class InMemoryAsyncEventStore implements AsyncEventStore {
  readonly #events = new Map<string, QueuedEvent>();

  put(event: QueuedEvent): undefined {
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
  /** The function was deleted meanwhile: the event is dropped. */
  | { readonly kind: 'gone' };

/**
 * Whether the service could take a unit of a function's concurrency for an event: `function-limit`
 * when the function's reserved concurrency is in use, `account-limit` when the account's
 * unreserved pool is, `warming` when the event would need a new environment while one of the
 * function's is still starting (the event waits for it instead).
 */
export type CapacityAnswer = 'acquired' | 'gone' | 'function-limit' | 'account-limit' | 'warming';
