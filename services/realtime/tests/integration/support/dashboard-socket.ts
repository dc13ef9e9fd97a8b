import WebSocket from 'ws';

/** A message the realtime API sends (JSON text frames). */
export interface ServerFrame {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * A real WebSocket client playing a dashboard: it keeps every frame it receives, in order.
 * @example
 * const socket = await DashboardSocket.open(`${url}?token=${token}`);
 */
export class DashboardSocket {
  readonly frames: ServerFrame[] = [];
  readonly #socket: WebSocket;
  readonly #closed: Promise<void>;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
    this.#closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Opens a connection; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string): Promise<DashboardSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new DashboardSocket(socket)));
      socket.once('unexpected-response', (_request, response) =>
        reject(new RefusedUpgrade(response.statusCode ?? 0)),
      );
      socket.once('error', reject);
    });
  }

  /** The status a connection attempt was refused with, or `open` (then closed again). */
  static async attempt(url: string): Promise<number | 'open'> {
    try {
      await (await DashboardSocket.open(url)).close();
      return 'open';
    } catch (error) {
      if (error instanceof RefusedUpgrade) return error.status;
      throw error;
    }
  }

  /** The frames of one type received so far. */
  ofType(type: string): ServerFrame[] {
    return this.frames.filter((frame) => frame.type === type);
  }

  /** Waits until a received frame matches (polled; the deadline fails the test). */
  async waitFor(
    match: (frame: ServerFrame) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${what}; received ${JSON.stringify(this.frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Sends `{ "action": "ping" }` and waits for its pong. A frame pushed before the pong was sent
   * has arrived by then (one socket delivers in order): a barrier for "nothing else came".
   */
  async ping(): Promise<void> {
    const before = this.ofType('pong').length;
    this.#socket.send(JSON.stringify({ action: 'ping' }));
    await this.waitFor(() => this.ofType('pong').length > before, 'a pong');
  }

  send(text: string): void {
    this.#socket.send(text);
  }

  async close(): Promise<void> {
    if (this.#socket.readyState !== WebSocket.CLOSED) this.#socket.close();
    await this.#closed;
  }
}

/** An upgrade the gateway answered with an HTTP status instead of 101. */
export class RefusedUpgrade extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`The WebSocket upgrade was refused with ${status}`);
    this.name = 'RefusedUpgrade';
    this.status = status;
  }
}
