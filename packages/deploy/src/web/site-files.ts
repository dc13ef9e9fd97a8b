import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { staticFileHeaders } from '@motorcade/cloud';
import { DeployError } from '../errors.js';

/** One file of the built dashboard, as it goes to the bucket. */
export interface SiteFile {
  /** The object key: the path inside the dist directory, `/`-separated (`assets/index-1RaH0qxd.js`). */
  readonly key: string;
  /** The file on disk. */
  readonly file: string;
  readonly contentType: string;
  readonly cacheControl: string;
}

/**
 * The files of a built dashboard in the order they must be uploaded: everything under `assets/`
 * first (Vite hashes those names, so a new build adds files and never changes one), then the other
 * files, `index.html` last — a visitor who loads the page mid-upload gets either the old
 * `index.html` with the old assets (still there: nothing is deleted) or the new one with its
 * assets already in place. Headers are the local gateway's (`staticFileHeaders`). Hidden files
 * (`.DS_Store`, `.vite/`) are left out, and so are source maps (`*.map`) unless `sourceMaps`.
 *
 * @param shown the directory as messages name it (`web/dist`)
 * @param options.sourceMaps upload the build's `*.map` files too (the config's `web.sourceMaps`)
 * @throws DeployError `WEB_NOT_BUILT` when the directory has no `index.html`
 */
export async function siteFiles(
  distDir: string,
  shown: string,
  { sourceMaps = false }: { readonly sourceMaps?: boolean } = {},
): Promise<SiteFile[]> {
  const index = await stat(join(distDir, 'index.html')).catch(() => undefined);
  if (!index?.isFile()) {
    throw new DeployError(
      'WEB_NOT_BUILT',
      `${shown}/index.html does not exist: build the dashboard first (npm run build -w web), then deploy`,
    );
  }
  const keys = (await filesUnder(distDir, '')).filter((key) => sourceMaps || !key.endsWith('.map'));
  const rank = (key: string): number => (key.startsWith('assets/') ? 0 : key === 'index.html' ? 2 : 1);
  keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => ({ key, file: join(distDir, ...key.split('/')), ...staticFileHeaders(key) }));
}

async function filesUnder(root: string, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const key = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await filesUnder(root, key)));
    else if (entry.isFile()) found.push(key);
  }
  return found;
}
