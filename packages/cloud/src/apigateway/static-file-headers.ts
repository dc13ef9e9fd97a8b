import { extname } from 'node:path';

/** Content types of what a Vite build writes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** `Cache-Control` of a file whose name carries its content hash: it never changes, so keep it. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** `Cache-Control` of every other file (`index.html` above all): ask again each time. */
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

/** What a built app's file is served with, wherever it is served from. */
export interface StaticFileHeaders {
  readonly contentType: string;
  readonly cacheControl: string;
}

/**
 * The headers of a file of a `vite build` output, by its path relative to the output directory
 * (`assets/index-1RaH0qxd.js`, `index.html`). Vite hashes the names of what it writes under
 * `assets/`, so those are cached for good; anything else is revalidated, so a new build shows at
 * once. One rule for the local gateway and for the files `motorcade deploy` uploads to S3.
 *
 * @example
 * staticFileHeaders('assets/index-1RaH0qxd.js');
 * // { contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' }
 */
export function staticFileHeaders(path: string): StaticFileHeaders {
  const relative = path.replace(/^\/+/, '');
  return {
    contentType: CONTENT_TYPES[extname(relative).toLowerCase()] ?? 'application/octet-stream',
    cacheControl: relative.startsWith('assets/') ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL,
  };
}
