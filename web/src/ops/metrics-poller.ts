import type { MetricsSnapshot } from './metrics-types.js';

/** How often the operations view asks for figures: the buckets are 10 s, so 5 s shows each one. */
export const POLL_EVERY_MS = 5_000;

/**
 * Polls the local cloud's metrics (`GET /_motorcade/metrics`, served beside the app by the
 * gateway) while started. Where the route does not exist — on AWS the app is served by CloudFront,
 * which answers 404 (403 from S3 elsewhere) — it says so once through `onUnavailable` and stops:
 * asking again every few seconds would only repeat the same answer.
 * @example
 * const poller = new MetricsPoller((snapshot) => draw(snapshot), (error) => showError(error), () => explain());
 * poller.start();
 */
export class MetricsPoller {
  readonly #onSnapshot: (snapshot: MetricsSnapshot) => void;
  readonly #onError: (error: Error) => void;
  readonly #onUnavailable: () => void;
  readonly #minutes: number;
  #timer: number | undefined;
  #running = false;

  constructor(
    onSnapshot: (snapshot: MetricsSnapshot) => void,
    onError: (error: Error) => void,
    onUnavailable: () => void,
    minutes = 15,
  ) {
    this.#onSnapshot = onSnapshot;
    this.#onError = onError;
    this.#onUnavailable = onUnavailable;
    this.#minutes = minutes;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#poll();
  }

  stop(): void {
    this.#running = false;
    window.clearTimeout(this.#timer);
  }

  async #poll(): Promise<void> {
    try {
      const response = await fetch(`/_motorcade/metrics?minutes=${this.#minutes}`, { cache: 'no-store' });
      if (response.status === 403 || response.status === 404) {
        if (this.#running) this.#onUnavailable();
        this.stop();
        return;
      }
      if (!response.ok) throw new Error(`metrics: HTTP ${response.status}`);
      if (this.#running) this.#onSnapshot((await response.json()) as MetricsSnapshot);
    } catch (error) {
      if (this.#running) this.#onError(error as Error);
    }
    if (this.#running) this.#timer = window.setTimeout(() => void this.#poll(), POLL_EVERY_MS);
  }
}
