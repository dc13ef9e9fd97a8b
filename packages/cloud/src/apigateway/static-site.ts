import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import type { EdgeResponse, EdgeRoute } from '../edge/edge-route.js';
import { staticFileHeaders } from './static-file-headers.js';

/**
 * Serves a built single-page app (a `vite build` output directory) as the gateway's fallback:
 * files by path, `/` as `index.html`, and `index.html` again for any other path without a file
 * extension (the app's own routes). Files under `/assets/` carry content hashes in their names, so
 * they are cached for good; `index.html` is revalidated every time, so a rebuild shows at once.
 * The directory is read on each request: a rebuild needs no restart, and a missing build answers 404.
 *
 * @example
 * const gateway = new GatewayServer({ environments, localRoutes: staticSiteRoutes('web/dist') });
 */
export function staticSiteRoutes(root: string): EdgeRoute[] {
  const base = resolve(root);
  const handle = async (request: { readonly path: string }): Promise<EdgeResponse> => {
    const file = fileFor(base, request.path);
    if (file && (await isFile(file))) return fileResponse(base, file);
    // A path that names a file (`/logo.png`) and is missing is a 404, not the app: the browser
    // would otherwise parse HTML as an image or a script.
    if (extname(request.path) !== '') return notFound(request.path);
    const index = join(base, 'index.html');
    if (await isFile(index)) return fileResponse(base, index);
    return notFound(request.path);
  };
  return ['GET', 'HEAD'].map((method) => ({ method, pattern: /^\//, handle }));
}

/** The file a request path names inside `base`, or undefined when it would leave it. */
function fileFor(base: string, path: string): string | undefined {
  const relative = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
  const file = resolve(base, normalize(relative));
  return file === base || file.startsWith(`${base}${sep}`) ? file : undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function fileResponse(base: string, file: string): Promise<EdgeResponse> {
  const body = await readFile(file);
  const { contentType, cacheControl } = staticFileHeaders(relative(base, file).split(sep).join('/'));
  return {
    status: 200,
    headers: {
      'content-type': contentType,
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

function notFound(path: string): EdgeResponse {
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `Not found: ${path}\n`,
  };
}
