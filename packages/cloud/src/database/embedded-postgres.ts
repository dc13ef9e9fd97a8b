import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CloudError } from '../errors.js';

export interface EmbeddedPostgresOptions {
  /** Where the database files live (under the environment's state directory). */
  readonly dataDir: string;
  /** 0 (the default) picks a free port: a real server may well own 5432. */
  readonly port?: number;
  readonly host?: string;
}

// Resolves to the compiled worker both from src/ (Vitest) and from dist/ (the built package).
const WORKER_PATH = fileURLToPath(
  new URL('../../dist/database/embedded-postgres-worker.js', import.meta.url),
);

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly, nothing to install) served
 * over the PostgreSQL wire protocol, so services reach it with node-postgres and a plain
 * `postgres://` URL exactly as they reach a real server. It runs in a thread of its own, so its
 * queries never stall the rest of the local cloud. PGlite has one session; every connection
 * shares it through a {@link PgliteSessionQueue}, which keeps each connection's statements and
 * transactions whole and its prepared statements its own. A transaction holds the whole database
 * while it is open: keep transactions short (no remote calls inside one), as on any server.
 */
export class EmbeddedPostgres {
  readonly url: string;
  readonly #worker: Worker;

  private constructor(url: string, worker: Worker) {
    this.url = url;
    this.#worker = worker;
  }

  /** Opens (or creates) the database in `dataDir` and starts serving it. */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const host = options.host ?? '127.0.0.1';
    const worker = new Worker(WORKER_PATH, {
      workerData: { dataDir: options.dataDir, host, port: options.port ?? 0 },
    });
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('message', (message: { port?: number; error?: { message: string } }) => {
        if (message.port !== undefined) resolve(message.port);
        else reject(new CloudError('EMBEDDED_DATABASE_FAILED', message.error?.message ?? 'did not start'));
      });
      worker.once('error', (error) =>
        reject(
          new CloudError('EMBEDDED_DATABASE_FAILED', `The embedded database failed: ${error.message}`, {
            cause: error,
          }),
        ),
      );
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return new EmbeddedPostgres(`postgres://postgres@${host}:${port}/postgres`, worker);
  }

  async stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      this.#worker.once('message', () => resolve());
      this.#worker.once('exit', () => resolve());
    });
    this.#worker.postMessage('stop');
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await this.#worker.terminate();
  }
}
