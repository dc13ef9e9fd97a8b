import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { CloudError } from '../errors.js';

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
 * `postgres://` URL exactly as they reach a real server. PGlite runs one query at a time; the
 * socket server multiplexes the connections onto it.
 */
export class EmbeddedPostgres {
  readonly url: string;
  readonly #db: PGlite;
  readonly #server: PGLiteSocketServer;

  private constructor(url: string, db: PGlite, server: PGLiteSocketServer) {
    this.url = url;
    this.#db = db;
    this.#server = server;
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
    const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: 100 });
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    return new EmbeddedPostgres(`postgres://postgres@${host}:${port}/postgres`, db, server);
  }

  async stop(): Promise<void> {
    await this.#server.stop();
    await this.#db.close();
  }
}
