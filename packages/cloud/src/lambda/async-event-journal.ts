import { join } from 'node:path';
import { Journal } from '../state/journal.js';
import type { AsyncEventStore, QueuedEvent } from './async-invoke-queue.js';

type Entry = { readonly put: QueuedEvent } | { readonly delete: string };

/** Rewrite the journal once it holds this many more entries than live events. */
const COMPACT_SLACK = 1000;

/**
 * Pending asynchronous invocations kept in `<stateDir>/lambda/async-events.jsonl`, so an event
 * accepted with a 202 is still run (or reaches its destination) after a restart, even after a
 * kill -9: every accept and every attempt is written before the queue moves on.
 */
export class JournalAsyncEventStore implements AsyncEventStore {
  readonly #events = new Map<string, QueuedEvent>();
  readonly #journal: Journal<Entry>;

  constructor(stateDir: string) {
    const { journal, records } = Journal.open<Entry>(join(stateDir, 'lambda', 'async-events.jsonl'));
    this.#journal = journal;
    for (const entry of records) {
      if ('put' in entry) this.#events.set(entry.put.id, entry.put);
      else this.#events.delete(entry.delete);
    }
    this.#compact();
  }

  put(event: QueuedEvent): void {
    this.#events.set(event.id, { ...event });
    this.#journal.append({ put: event });
  }

  delete(id: string): void {
    if (!this.#events.delete(id)) return;
    this.#journal.append({ delete: id });
    if (this.#journal.length > this.#events.size + COMPACT_SLACK) this.#compact();
  }

  all(): QueuedEvent[] {
    return [...this.#events.values()].map((event) => ({ ...event }));
  }

  close(): void {
    this.#journal.close();
  }

  #compact(): void {
    this.#journal.rewrite([...this.#events.values()].map((event) => ({ put: event })));
  }
}
