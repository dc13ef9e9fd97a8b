/** An entry of a {@link WakeHeap}: `version` lets the owner ignore entries that went stale. */
export interface WakeEntry<T> {
  readonly at: number;
  readonly item: T;
  readonly version: number;
}

/**
 * A binary min-heap of wake-up times (delayed and in-flight messages). Entries are never removed
 * early: the owner compares `version` when one comes due, which keeps every operation O(log n).
 */
export class WakeHeap<T> {
  readonly #entries: WakeEntry<T>[] = [];

  get size(): number {
    return this.#entries.length;
  }

  /** The earliest wake-up time, or undefined when empty. */
  peekAt(): number | undefined {
    return this.#entries[0]?.at;
  }

  push(entry: WakeEntry<T>): void {
    const entries = this.#entries;
    entries.push(entry);
    let index = entries.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((entries[parent] as WakeEntry<T>).at <= entry.at) break;
      entries[index] = entries[parent] as WakeEntry<T>;
      index = parent;
    }
    entries[index] = entry;
  }

  /** Removes and returns the earliest entry if it is due at `now`. */
  popDue(now: number): WakeEntry<T> | undefined {
    const entries = this.#entries;
    const top = entries[0];
    if (!top || top.at > now) return undefined;
    const last = entries.pop() as WakeEntry<T>;
    if (entries.length > 0) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= entries.length) break;
        const right = left + 1;
        const child =
          right < entries.length && (entries[right] as WakeEntry<T>).at < (entries[left] as WakeEntry<T>).at
            ? right
            : left;
        if ((entries[child] as WakeEntry<T>).at >= last.at) break;
        entries[index] = entries[child] as WakeEntry<T>;
        index = child;
      }
      entries[index] = last;
    }
    return top;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

/** A FIFO of items with O(1) push and shift (an array with a moving head, compacted now and then). */
export class Deque<T> {
  #items: T[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head] as T;
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
