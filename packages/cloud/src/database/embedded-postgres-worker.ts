import { parentPort, workerData } from 'node:worker_threads';
import { servePglite } from './pglite-server.js';

// The embedded database's own thread: PGlite's WebAssembly PostgreSQL executes queries
// synchronously, so in the local cloud's main thread every query would stall the gateway, the
// edge and the MQTT broker. Messages: the parent sends 'stop'; this thread answers
// { port } once serving, { error } if it cannot start, and 'stopped'.
const options = workerData as { dataDir: string; host: string; port: number };
try {
  const server = await servePglite(options);
  parentPort?.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.stop();
    parentPort?.postMessage('stopped');
  });
  parentPort?.postMessage({ port: server.port });
} catch (error) {
  parentPort?.postMessage({
    error: { message: (error as Error).message, code: (error as { code?: string }).code },
  });
}
