import type { PGlite } from '@electric-sql/pglite';

/** One protocol message of one client connection, waiting for the database. */
interface Pending {
  readonly handlerId: number;
  readonly message: Uint8Array;
  readonly onData: (data: Uint8Array) => void;
  readonly resolve: (bytes: number) => void;
  readonly reject: (error: unknown) => void;
}

// Frontend message types (PostgreSQL protocol 3): a simple query and a Sync end a unit of work;
// the extended-protocol messages before a Sync belong together.
const QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'
const PARSE = 0x50; // 'P'
const BIND = 0x42; // 'B'
const DESCRIBE = 0x44; // 'D'
const CLOSE = 0x43; // 'C'
const TERMINATE = 0x58; // 'X'
const EXTENDED = new Set([PARSE, BIND, DESCRIBE, CLOSE, 0x45 /* Execute */, 0x48 /* Flush */]);
// Backend ReadyForQuery: 'Z', length 5, then the transaction status: 'I' idle, 'T' in a transaction,
// 'E' in a failed transaction.
const READY_FOR_QUERY = 0x5a;
const READY_FOR_QUERY_LENGTH = 6;
const IDLE = 0x49;

/** The last `count` bytes of what came before and the new data. */
function lastBytes(before: Uint8Array, data: Uint8Array, count: number): Uint8Array {
  if (data.length >= count) return data.slice(data.length - count);
  const joined = new Uint8Array(Math.min(count, before.length + data.length));
  const keep = joined.length - data.length;
  joined.set(before.subarray(before.length - keep), 0);
  joined.set(data, keep);
  return joined;
}

/** The transaction status of the ReadyForQuery a response ends with, if it ends with one. */
function readyStatus(tail: Uint8Array): number | undefined {
  if (tail.length !== READY_FOR_QUERY_LENGTH || tail[0] !== READY_FOR_QUERY) return undefined;
  if (tail[1] !== 0 || tail[2] !== 0 || tail[3] !== 0 || tail[4] !== 5) return undefined;
  return tail[5];
}

/**
 * Shares one PGlite session among many client connections as if each had its own: what a real
 * server gives every connection and PGlite (one backend) cannot.
 *
 * - **Units of work are not interleaved.** A connection owns the session from its first
 *   extended-protocol message to its Sync (Parse/Bind/Execute of one statement), and for the whole
 *   of an explicit transaction; other connections' messages wait. Interleaving them would run one
 *   connection's statements inside another's transaction, or replace its unnamed portal mid-query.
 * - **Prepared statement names are per connection.** A named statement (`{ name: 'x', text }` in
 *   node-postgres) is renamed `c<id>_x` on the way in, so two connections preparing the same name
 *   do not collide, and is deallocated when its connection goes.
 *
 * It stands in for pglite-socket's own queue (same four methods), which serialises message by
 * message only.
 * @example
 * const handler = new PGLiteSocketHandler({ queryQueue: new PgliteSessionQueue(db) as never });
 */
export class PgliteSessionQueue {
  readonly #db: PGlite;
  #queue: Pending[] = [];
  #processing = false;
  /** The connection whose unit of work (extended sequence or transaction) is under way. */
  #owner: number | undefined;
  readonly #statements = new Map<number, Set<string>>();

  constructor(db: PGlite) {
    this.#db = db;
  }

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ handlerId, message: this.#renamed(handlerId, message), onData, resolve, reject });
      void this.#process();
    });
  }

  getQueueLength(): number {
    return this.#queue.length;
  }

  /** A connection went away: drop what it still had queued. */
  clearQueueForHandler(handlerId: number): void {
    this.#queue = this.#queue.filter((pending) => {
      if (pending.handlerId !== handlerId) return true;
      pending.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A connection went away: end its transaction, forget its statements, and let the others on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    const names = this.#statements.get(handlerId);
    this.#statements.delete(handlerId);
    if (this.#owner === handlerId || (names && names.size > 0)) {
      // PGlite's exec takes its own lock (runExclusive is not re-entrant): no wrapping here.
      // The connection went away mid-transaction (or mid-statement): nothing of it may stay.
      if (this.#owner === handlerId) await this.#db.exec('ROLLBACK').catch(() => undefined);
      for (const name of names ?? []) await this.#db.exec(`DEALLOCATE "${name}"`).catch(() => undefined);
    }
    if (this.#owner === handlerId) this.#owner = undefined;
    void this.#process();
  }

  async #process(): Promise<void> {
    if (this.#processing) return;
    this.#processing = true;
    try {
      for (;;) {
        const index =
          this.#owner === undefined
            ? 0
            : this.#queue.findIndex((pending) => pending.handlerId === this.#owner);
        const next = index >= 0 ? this.#queue[index] : undefined;
        if (!next) return;
        this.#queue.splice(index, 1);
        let bytes = 0;
        let tail: Uint8Array = new Uint8Array(0);
        try {
          await this.#db.runExclusive(() =>
            this.#db.execProtocolRawStream(next.message, {
              onRawData: (data) => {
                bytes += data.length;
                tail = lastBytes(tail, data, READY_FOR_QUERY_LENGTH);
                next.onData(data);
              },
            }),
          );
        } catch (error) {
          this.#owner = undefined;
          next.reject(error);
          continue;
        }
        this.#owner = this.#ownerAfter(next, tail);
        next.resolve(bytes);
      }
    } finally {
      this.#processing = false;
    }
  }

  /**
   * Who owns the session after a message: its connection while a unit of work is open. A simple
   * query or a Sync ends with ReadyForQuery, whose status says whether a transaction is open
   * (`T`, or `E` for a failed one still to be rolled back) or not (`I`).
   */
  #ownerAfter(done: Pending, tail: Uint8Array): number | undefined {
    const type = done.message[0];
    // A Terminate mid-transaction keeps the session until the connection's close rolls it back.
    if (type === TERMINATE) return this.#owner === done.handlerId ? done.handlerId : undefined;
    if (type !== undefined && EXTENDED.has(type)) return done.handlerId;
    if (type === QUERY || type === SYNC) {
      const status = readyStatus(tail);
      if (status !== undefined) return status === IDLE ? undefined : done.handlerId;
    }
    // Startup and other messages: no unit of work starts.
    return this.#owner === done.handlerId ? done.handlerId : undefined;
  }

  /** The message with its prepared statement name made the connection's own (empty names are left). */
  #renamed(handlerId: number, message: Uint8Array): Uint8Array {
    const type = message[0];
    // Parse: name first. Bind: portal, then statement. Describe/Close: 'S' + name (a statement) or 'P' (a portal).
    let at: number;
    if (type === PARSE) at = 5;
    else if (type === BIND) at = message.indexOf(0, 5) + 1;
    else if ((type === DESCRIBE || type === CLOSE) && message[5] === 0x53) at = 6;
    else return message;
    if (at <= 0 || message[at] === 0) return message;
    const end = message.indexOf(0, at);
    if (end < 0) return message;
    const name = Buffer.from(message.subarray(at, end)).toString('utf8');
    const own = `c${handlerId}_${name}`;
    if (type === PARSE) {
      const names = this.#statements.get(handlerId) ?? new Set<string>();
      names.add(own);
      this.#statements.set(handlerId, names);
    } else if (type === CLOSE) this.#statements.get(handlerId)?.delete(own);
    const renamed = Buffer.concat([
      Buffer.from(message.subarray(0, at)),
      Buffer.from(own, 'utf8'),
      Buffer.from(message.subarray(end)),
    ]);
    renamed.writeInt32BE(renamed.length - 1, 1);
    return new Uint8Array(renamed);
  }
}
