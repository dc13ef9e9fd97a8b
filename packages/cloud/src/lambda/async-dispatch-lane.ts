import type { QueuedEvent } from './async-event.js';

/**
 * One function's share of the async queue: the events ready to run, in arrival order, and how
 * many of them run now. A first-in first-out list with a moving head, so taking the next event
 * costs no array shift however long the backlog grows.
 *
 * @example
 * const lane = new AsyncDispatchLane('orders-fn');
 * lane.push(event);
 * const next = lane.shift(); // the oldest ready event
 */
export class AsyncDispatchLane {
  readonly functionName: string;
  /** Events of this lane running in an execution environment now. */
  running = 0;
  #events: QueuedEvent[] = [];
  #head = 0;

  constructor(functionName: string) {
    this.functionName = functionName;
  }

  /** Events waiting for an environment. */
  get size(): number {
    return this.#events.length - this.#head;
  }

  push(event: QueuedEvent): void {
    this.#events.push(event);
  }

  /** The oldest waiting event, still in the lane. */
  peek(): QueuedEvent | undefined {
    return this.#events[this.#head];
  }

  /** Takes the oldest waiting event out of the lane. */
  shift(): QueuedEvent | undefined {
    if (this.#head === this.#events.length) return undefined;
    const event = this.#events[this.#head]!;
    this.#head++;
    // Drop the consumed prefix now and then, so a long-lived lane does not keep it in memory.
    if (this.#head === this.#events.length) {
      this.#events = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#events.length) {
      this.#events = this.#events.slice(this.#head);
      this.#head = 0;
    }
    return event;
  }

  /** Empties the lane and returns what waited in it, oldest first. */
  drain(): QueuedEvent[] {
    const waiting = this.#events.slice(this.#head);
    this.#events = [];
    this.#head = 0;
    return waiting;
  }
}
