/**
 * Reconnect delays: exponential from `initialMs` to `maxMs`, with full jitter so that many browsers
 * reconnecting after a restart do not arrive in step.
 * @example
 * const backoff = new Backoff();
 * setTimeout(connect, backoff.next()); // on close
 * backoff.reset();                     // on open
 */
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  #attempt = 0;

  constructor(initialMs = 500, maxMs = 30_000) {
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
  }

  next(): number {
    const ceiling = Math.min(this.#maxMs, this.#initialMs * 2 ** this.#attempt);
    this.#attempt += 1;
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  reset(): void {
    this.#attempt = 0;
  }
}
