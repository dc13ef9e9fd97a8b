/** FIFO queues drop a repeated deduplication id for five minutes. */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

/** A FIFO deduplication entry: the message a deduplication id first produced. */
export interface DeduplicationEntry {
  readonly id: string;
  readonly seq?: string;
  readonly at: number;
}

/** The key a deduplication id is remembered under: per queue, or per group (`DeduplicationScope`). */
export function deduplicationKey(
  scope: 'queue' | 'messageGroup',
  groupId: string | undefined,
  deduplicationId: string | undefined,
): string {
  const id = deduplicationId ?? '';
  return scope === 'messageGroup' ? `${groupId ?? ''}\u0000${id}` : id;
}

/**
 * A FIFO queue's sequence numbers (20 digits, increasing, as SQS's) and its deduplication
 * window: ids seen in the last five minutes, oldest first so pruning stops at the first fresh one.
 */
export class FifoSequencer {
  readonly #seen = new Map<string, DeduplicationEntry>();
  #last = 0;

  constructor(entries: Iterable<readonly [string, DeduplicationEntry]> = []) {
    for (const [key, entry] of entries) {
      this.#seen.set(key, entry);
      this.observe(entry.seq);
    }
  }

  /** Continues numbering after a sequence number recovered from the journal. */
  observe(sequenceNumber: string | undefined): void {
    const value = Number(sequenceNumber?.slice(1) ?? 0);
    if (value > this.#last) this.#last = value;
  }

  next(): string {
    this.#last += 1;
    return `1${String(this.#last).padStart(19, '0')}`;
  }

  /** The message a key produced within the window, if any. */
  seen(key: string, now: number): DeduplicationEntry | undefined {
    const entry = this.#seen.get(key);
    return entry && now - entry.at < DEDUPLICATION_WINDOW_MS ? entry : undefined;
  }

  remember(key: string, entry: DeduplicationEntry): void {
    this.#prune(entry.at);
    this.#seen.delete(key);
    this.#seen.set(key, entry);
  }

  /** The entries still within the window (for compaction). */
  entries(now: number): IterableIterator<[string, DeduplicationEntry]> {
    this.#prune(now);
    return this.#seen.entries();
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#seen) {
      if (now - entry.at < DEDUPLICATION_WINDOW_MS) break;
      this.#seen.delete(key);
    }
  }
}
