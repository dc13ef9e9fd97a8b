import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { CloudEnvironment } from '../environment.js';
import type { WebSocketApi } from './websocket-api-registry.js';

/** One open WebSocket connection of a WebSocket API. */
export interface Connection {
  readonly id: string;
  readonly socket: WebSocket;
  readonly environment: CloudEnvironment;
  readonly api: WebSocketApi;
  readonly stage: string;
  readonly connectedAt: number;
  lastActiveAt: number;
  readonly sourceIp: string;
  readonly userAgent: string | undefined;
  /** What the `$connect` authorizer returned (principalId and context), passed on every later event. */
  readonly authorizer: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The open connections of every WebSocket API of the local cloud, by connection id — what the
 * `@connections` management API reaches. A connection id looks like API Gateway's (16 characters
 * of base64, e.g. `L0SM9cOFvHcCIhw=`).
 */
export class ConnectionRegistry {
  readonly #connections = new Map<string, Connection>();

  static newId(): string {
    return randomBytes(11).toString('base64').slice(0, 15).replace(/[+/]/g, 'x').concat('=');
  }

  add(connection: Connection): void {
    this.#connections.set(connection.id, connection);
  }

  remove(id: string): void {
    this.#connections.delete(id);
  }

  get(id: string): Connection | undefined {
    return this.#connections.get(id);
  }

  get size(): number {
    return this.#connections.size;
  }

  /** Closes every connection (the local cloud is stopping). */
  closeAll(): void {
    for (const connection of this.#connections.values()) connection.socket.terminate();
    this.#connections.clear();
  }
}
