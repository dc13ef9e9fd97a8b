import type { FleetEvent } from '../fleet/fleet-types.js';
import { Backoff } from './backoff.js';

/** A message of the realtime API (docs/fleet.md, realtime). */
export type RealtimeMessage =
  | { readonly type: 'positions'; readonly positions: readonly unknown[] }
  | { readonly type: 'event'; readonly event: FleetEvent }
  | { readonly type: 'pong' };

/** The connection's state, shown in the header. */
export type RealtimeState = 'connecting' | 'connected' | 'offline';

export interface RealtimeClientOptions {
  /** The current access token (the `$connect` authorizer reads it from the query string). */
  readonly token: () => Promise<string | undefined>;
  readonly onMessage: (message: RealtimeMessage) => void;
  readonly onState: (state: RealtimeState) => void;
  /** Called after every (re)connect: messages may have been missed while offline. */
  readonly onConnected?: () => void;
}

/** API Gateway closes idle WebSockets after 10 minutes; a ping every 5 keeps the connection. */
const PING_EVERY_MS = 5 * 60_000;

/**
 * The realtime WebSocket (`ws(s)://<host>/realtime?token=…`): reconnects with jittered exponential
 * backoff, with a fresh token each time.
 * @example
 * const realtime = new RealtimeClient({ token: () => session.accessToken(), onMessage, onState });
 * realtime.start();
 */
export class RealtimeClient {
  readonly #options: RealtimeClientOptions;
  readonly #backoff = new Backoff();
  #socket: WebSocket | undefined;
  #retry: number | undefined;
  #ping: number | undefined;
  #stopped = true;

  constructor(options: RealtimeClientOptions) {
    this.#options = options;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    window.clearTimeout(this.#retry);
    window.clearInterval(this.#ping);
    this.#socket?.close(1000, 'signed out');
    this.#socket = undefined;
    this.#options.onState('offline');
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    this.#options.onState('connecting');
    const token = await this.#options.token();
    if (!token || this.#stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/realtime?token=${encodeURIComponent(token)}`);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#backoff.reset();
      this.#options.onState('connected');
      this.#ping = window.setInterval(() => socket.send(JSON.stringify({ action: 'ping' })), PING_EVERY_MS);
      this.#options.onConnected?.();
    });
    socket.addEventListener('message', (message) => {
      if (typeof message.data !== 'string') return;
      try {
        const parsed = JSON.parse(message.data) as RealtimeMessage;
        if (parsed && typeof parsed.type === 'string') this.#options.onMessage(parsed);
      } catch {
        // Not JSON: nothing the dashboard understands.
      }
    });
    socket.addEventListener('close', () => {
      window.clearInterval(this.#ping);
      if (this.#socket !== socket || this.#stopped) return;
      this.#options.onState('offline');
      this.#retry = window.setTimeout(() => void this.#connect(), this.#backoff.next());
    });
  }
}
