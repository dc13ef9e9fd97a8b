import { mkdir } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { CloudError } from '../errors.js';
import { PgliteSessionQueue } from './pglite-session-queue.js';

export interface EmbeddedPostgresOptions {
  /** Where the database files live (under the environment's state directory). */
  readonly dataDir: string;
  /** 0 (the default) picks a free port: a real server may well own 5432. */
  readonly port?: number;
  readonly host?: string;
}

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly, nothing to install) served
 * over the PostgreSQL wire protocol, so services reach it with node-postgres and a plain
 * `postgres://` URL exactly as they reach a real server. PGlite has one session; every connection
 * shares it through a {@link PgliteSessionQueue}, which keeps each connection's statements and
 * transactions whole and its prepared statements its own. A transaction holds the whole database
 * while it is open: keep transactions short (no remote calls inside one), as on any server.
 */
export class EmbeddedPostgres {
  readonly url: string;
  readonly #db: PGlite;
  readonly #server: Server;
  readonly #handlers = new Set<PGLiteSocketHandler>();

  private constructor(url: string, db: PGlite, server: Server, handlers: Set<PGLiteSocketHandler>) {
    this.url = url;
    this.#db = db;
    this.#server = server;
    this.#handlers = handlers;
  }

  /** Opens (or creates) the database in `dataDir` and starts serving it. */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    await mkdir(options.dataDir, { recursive: true });
    let db: PGlite;
    try {
      db = await PGlite.create(options.dataDir);
    } catch (error) {
      throw new CloudError(
        'EMBEDDED_DATABASE_FAILED',
        `Cannot open the embedded database in ${options.dataDir}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const host = options.host ?? '127.0.0.1';
    const queue = new PgliteSessionQueue(db) as unknown as PGLiteSocketHandlerOptions['queryQueue'];
    const handlers = new Set<PGLiteSocketHandler>();
    const server = createServer((socket: Socket) => {
      const handler = new PGLiteSocketHandler({ queryQueue: queue, closeOnDetach: true });
      handlers.add(handler);
      const forget = (): void => {
        handlers.delete(handler);
      };
      handler.addEventListener('close', forget);
      handler.addEventListener('error', forget);
      handler.attach(socket).catch(() => {
        forget();
        socket.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new EmbeddedPostgres(`postgres://postgres@${host}:${port}/postgres`, db, server, handlers);
  }

  async stop(): Promise<void> {
    for (const handler of this.#handlers) await handler.detach(true);
    this.#handlers.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await this.#db.close();
  }
}
