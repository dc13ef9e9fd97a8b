import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeProcess } from '../lib/node-process.mjs';
import { ENV } from './bench-project.mjs';

const CLI = fileURLToPath(new URL('../../packages/cli/bin/motorcade.js', import.meta.url));
const NOOP_SERVER = fileURLToPath(new URL('./noop-server.mjs', import.meta.url));
const READY = /motorcade: ready in (\d+) ms — edge (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Starts `motorcade dev` on a bench project as a separate process (`--edge-port 0`) and resolves
 * once it prints its ready line. Its output (START/END/REPORT of every invoke) goes to a file.
 */
export async function startCloud(projectDir, configFile) {
  const started = await startNodeProcess({
    args: [
      CLI,
      'dev',
      '--config',
      configFile,
      '--env',
      ENV,
      '--edge-port',
      '0',
      '--state-dir',
      join(projectDir, 'state'),
      '--no-watch',
    ],
    cwd: projectDir,
    logFile: join(projectDir, 'motorcade.log'),
    ready: READY,
    timeoutMs: 60_000,
  });
  return { ...started, readyMs: Number(started.match[1]), edgeUrl: started.match[2] };
}

/** Starts the no-op floor server as a separate process. */
export async function startNoopServer(dir) {
  const started = await startNodeProcess({
    args: [NOOP_SERVER],
    cwd: dir,
    logFile: join(dir, 'noop.log'),
    ready: /noop: listening (http:\/\/127\.0\.0\.1:\d+)/,
  });
  return { ...started, url: started.match[1] };
}
