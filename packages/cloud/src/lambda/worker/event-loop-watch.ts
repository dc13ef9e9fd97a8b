import type { MessagePort } from 'node:worker_threads';

/**
 * Tells when the function's event loop is empty, as the runtime interface client learns from
 * `process.on('beforeExit')`. In a worker the port to the parent keeps the loop alive, so while an
 * invocation runs the port is unref'd: once nothing of the function's remains (timers, sockets,
 * pending I/O), `beforeExit` fires, the waiting step runs, and the port is ref'd again so the worker
 * stays up for the next invocation. Messages still arrive on an unref'd port.
 */
export class EventLoopWatch {
  readonly #port: MessagePort;
  /** Resource types the bootstrap itself holds, counted; they are not the function's. */
  readonly #baseline = new Map<string, number>();
  #onEmpty: (() => void) | undefined;

  /** Call before any user code runs, so the baseline holds only the bootstrap's own resources. */
  constructor(port: MessagePort) {
    this.#port = port;
    for (const type of process.getActiveResourcesInfo()) {
      this.#baseline.set(type, (this.#baseline.get(type) ?? 0) + 1);
    }
    process.on('beforeExit', this.#handleBeforeExit);
  }

  /** Runs `onEmpty` (once) the next time the event loop has nothing left to do. */
  whenEmpty(onEmpty: () => void): void {
    this.#onEmpty = onEmpty;
    this.#port.unref();
  }

  /** Stops waiting; the worker stays alive for the next invocation. */
  cancel(): void {
    this.#onEmpty = undefined;
    this.#port.ref();
  }

  /**
   * The resource types the function keeps open (`Timeout`, `TCPSocketWrap`, ...), beyond the
   * bootstrap's baseline.
   */
  openHandles(): string[] {
    const remaining = new Map(this.#baseline);
    const open: string[] = [];
    for (const type of process.getActiveResourcesInfo()) {
      const left = remaining.get(type) ?? 0;
      if (left > 0) remaining.set(type, left - 1);
      else open.push(type);
    }
    return open;
  }

  readonly #handleBeforeExit = (): void => {
    const onEmpty = this.#onEmpty;
    // Ref the port first: without a ref'd handle the worker would exit after this event.
    this.cancel();
    onEmpty?.();
  };
}
