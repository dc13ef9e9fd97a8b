import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on `port` (0 for any free port) and resolves with the port bound. With `fallback`, a
 * taken port is replaced by a free one — the local cloud's default ports may belong to something
 * else on a developer's machine — while a port the user named explicitly stays an error.
 */
export async function listenOn(
  server: Server,
  port: number,
  host: string,
  options: { readonly fallback?: boolean } = {},
): Promise<number> {
  try {
    return await listenOnce(server, port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || !options.fallback)
      throw error;
    return listenOnce(server, 0, host);
  }
}

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The port a server listens on, or 0 before it does. */
export function boundPort(server: Server): number {
  const address = server.address();
  return address && typeof address === 'object' ? address.port : 0;
}

/** Stops accepting and drops open keep-alive connections, so a stop is immediate. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Reads the whole body, or resolves undefined once it passes `limit` bytes (the rest is drained). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () =>
      resolve(size > limit ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

/** `decodeURIComponent` that leaves a malformed path as it is instead of throwing. */
export function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
