import type { MessageState, QueuedMessage } from './sqs-message.js';
import { Deque, WakeHeap } from './wake-heap.js';

/**
 * The messages of one queue, indexed for receiving: every live message in acceptance order,
 * the visible ones of a standard queue in a FIFO deque, a FIFO queue's messages per group, and
 * the delayed and in-flight ones in a timer heap whose single timer makes them visible again
 * when due (and calls `onVisible`). Counts per state are kept as messages move.
 */
export class MessageIndex {
  readonly #fifo: boolean;
  readonly #onVisible: () => void;
  readonly #messages = new Map<string, QueuedMessage>();
  readonly #ready = new Deque<QueuedMessage>();
  readonly #groups = new Map<string, QueuedMessage[]>();
  readonly #wake = new WakeHeap<QueuedMessage>();
  readonly #counts: Record<MessageState, number> = { visible: 0, inflight: 0, delayed: 0 };
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #closed = false;

  constructor(fifo: boolean, onVisible: () => void) {
    this.#fifo = fifo;
    this.#onVisible = onVisible;
  }

  get size(): number {
    return this.#messages.size;
  }

  count(state: MessageState): number {
    return this.#counts[state];
  }

  get(id: string): QueuedMessage | undefined {
    return this.#messages.get(id);
  }

  values(): IterableIterator<QueuedMessage> {
    return this.#messages.values();
  }

  /** The message accepted first among those still queued. */
  oldest(): QueuedMessage | undefined {
    return this.#messages.values().next().value;
  }

  /** The next visible message of a standard queue. */
  nextVisible(): QueuedMessage | undefined {
    for (let message = this.#ready.shift(); message; message = this.#ready.shift())
      if (message.state === 'visible' && this.#messages.get(message.id) === message) return message;
    return undefined;
  }

  /** A FIFO queue's groups, each with its messages in order. */
  groups(): IterableIterator<[string, QueuedMessage[]]> {
    return this.#groups.entries();
  }

  /** Moves groups to the back of the iteration order, so busy groups do not starve the others. */
  rotate(groupIds: readonly string[]): void {
    for (const groupId of groupIds) {
      const group = this.#groups.get(groupId);
      if (!group) continue;
      this.#groups.delete(groupId);
      this.#groups.set(groupId, group);
    }
  }

  insert(message: QueuedMessage): void {
    this.#messages.set(message.id, message);
    this.#counts[message.state] += 1;
    if (this.#fifo && message.groupId !== undefined) {
      const group = this.#groups.get(message.groupId);
      if (group) group.push(message);
      else this.#groups.set(message.groupId, [message]);
    }
    this.#placed(message);
  }

  remove(id: string): void {
    const message = this.#messages.get(id);
    if (!message) return;
    this.#messages.delete(id);
    this.#counts[message.state] -= 1;
    message.version += 1;
    const group = message.groupId === undefined ? undefined : this.#groups.get(message.groupId);
    if (group && message.groupId !== undefined) {
      const index = group.indexOf(message);
      if (index !== -1) group.splice(index, 1);
      if (group.length === 0) this.#groups.delete(message.groupId);
    }
  }

  setState(message: QueuedMessage, state: MessageState, visibleAt: number): void {
    this.#counts[message.state] -= 1;
    this.#counts[state] += 1;
    message.state = state;
    message.visibleAt = visibleAt;
    message.version += 1;
    this.#placed(message);
  }

  /** Makes due delayed and in-flight messages visible; true if any became visible. */
  promote(now: number): boolean {
    let promoted = false;
    for (let entry = this.#wake.popDue(now); entry; entry = this.#wake.popDue(now)) {
      const message = entry.item;
      if (entry.version !== message.version || this.#messages.get(message.id) !== message) continue;
      this.setState(message, 'visible', message.visibleAt);
      promoted = true;
    }
    return promoted;
  }

  clear(): void {
    this.#messages.clear();
    this.#ready.clear();
    this.#groups.clear();
    this.#wake.clear();
    this.#counts.visible = 0;
    this.#counts.inflight = 0;
    this.#counts.delayed = 0;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #placed(message: QueuedMessage): void {
    if (message.state === 'visible') {
      if (!this.#fifo) this.#ready.push(message);
      return;
    }
    this.#wake.push({ at: message.visibleAt, item: message, version: message.version });
    if (message.visibleAt < this.#timerAt) this.#arm();
  }

  #arm(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    const at = this.#wake.peekAt();
    this.#timerAt = at ?? Number.POSITIVE_INFINITY;
    if (at === undefined) {
      this.#timer = undefined;
      return;
    }
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerAt = Number.POSITIVE_INFINITY;
        if (this.promote(Date.now())) this.#onVisible();
        this.#arm();
      },
      Math.max(0, at - Date.now()),
    );
    this.#timer.unref();
  }
}
