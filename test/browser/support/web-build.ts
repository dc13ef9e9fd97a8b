import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/service-cloud.js';

const run = promisify(execFile);

/**
 * Builds the web app from its sources into a fresh directory (so a test never serves a stale
 * `web/dist`) and returns that directory.
 * @example
 * const site = await buildWebApp();
 * await startServiceCloud({ ..., cloud: { webApp: site } });
 */
export async function buildWebApp(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'motorcade-web-'));
  await run(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: join(REPO_ROOT, 'web') },
  );
  return outDir;
}
