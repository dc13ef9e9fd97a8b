import { mkdir } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { CloudError } from '../errors.js';
import { PgliteSessionQueue } from './pglite-session-queue.js';

/** A PGlite database served over the PostgreSQL wire protocol in this thread. */
export interface PgliteServer {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Opens (or creates) the database in `dataDir` and serves it on `host:port` (0 = a free port),
 * every connection sharing PGlite's one session through a {@link PgliteSessionQueue}.
 * @example
 * const server = await servePglite({ dataDir, host: '127.0.0.1', port: 0 });
 */
export async function servePglite(options: {
  dataDir: string;
  host: string;
  port: number;
}): Promise<PgliteServer> {
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
  const queue = new PgliteSessionQueue(db) as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
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
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    async stop() {
      for (const handler of handlers) await handler.detach(true);
      handlers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
