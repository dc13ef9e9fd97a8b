import { join } from 'node:path';
import { Journal } from '../state/journal.js';
import type { AsyncEventStore, QueuedEvent } from './async-event.js';

type Entry = { readonly put: QueuedEvent } | { readonly delete: string };
/** One journal line: a single entry (older journals), or the entries of one group commit. */
type Line = Entry | readonly Entry[];

/** Rewrite the journal once it holds this many more lines than live events. */
const COMPACT_SLACK = 1000;

/**
 * Pending asynchronous invocations kept in `<stateDir>/lambda/async-events.jsonl`, so an event
 * accepted with a 202 is still run (or reaches its destination) after a restart, even after a
 * kill -9.
 *
 * Writes are group-committed: everything recorded during one turn of the event loop is written
 * as one line, with one system call, right after the turn (`setImmediate`). `put` returns a
 * promise that resolves once its line is written, and the 202 waits for it, so an acknowledged
 * event is always on disk (the kernel has it). Deletes ride along without being waited for: a
 * delete lost in a crash only means the event runs again after the restart, which Lambda's
 * at-least-once delivery allows.
 *
 * @example
 * const store = new JournalAsyncEventStore(stateDir);
 * await store.put(event); // durable from here on
 */
export class JournalAsyncEventStore implements AsyncEventStore {
  readonly #events = new Map<string, QueuedEvent>();
  readonly #journal: Journal<Line>;
  #batch: Entry[] = [];
  #flush: NodeJS.Immediate | undefined;
  #written: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
  #closed = false;

  constructor(stateDir: string) {
    const { journal, records } = Journal.open<Line>(join(stateDir, 'lambda', 'async-events.jsonl'));
    this.#journal = journal;
    for (const line of records) {
      for (const entry of Array.isArray(line) ? line : [line as Entry]) {
        if ('put' in entry) this.#events.set(entry.put.id, entry.put);
        else this.#events.delete(entry.delete);
      }
    }
    this.#compact();
  }

  put(event: QueuedEvent): Promise<void> {
    // A copy: the queue keeps changing its own object, the journal records this moment.
    const copy = { ...event };
    this.#events.set(event.id, copy);
    this.#append({ put: copy });
    if (!this.#written) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      this.#written = { promise, resolve, reject };
    }
    return this.#written.promise;
  }

  delete(id: string): void {
    if (!this.#events.delete(id)) return;
    this.#append({ delete: id });
  }

  all(): QueuedEvent[] {
    return [...this.#events.values()].map((event) => ({ ...event }));
  }

  /** Writes what is pending and closes the file. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#flush) clearImmediate(this.#flush);
    this.#writeBatch();
    this.#journal.close();
  }

  #append(entry: Entry): void {
    if (this.#closed) return;
    this.#batch.push(entry);
    this.#flush ??= setImmediate(() => this.#writeBatch());
  }

  #writeBatch(): void {
    this.#flush = undefined;
    const batch = this.#batch;
    const written = this.#written;
    this.#batch = [];
    this.#written = undefined;
    if (batch.length === 0) return;
    try {
      this.#journal.append(batch.length === 1 ? batch[0]! : batch);
      if (this.#journal.length > this.#events.size + COMPACT_SLACK) this.#compact();
      written?.resolve();
    } catch (error) {
      // The invocations waiting for this write answer with the error instead of a 202.
      if (written) written.reject(error);
      else process.emitWarning(`Could not write the async event journal: ${String(error)}`);
    }
  }

  #compact(): void {
    this.#journal.rewrite([...this.#events.values()].map((event) => ({ put: event })));
  }
}
