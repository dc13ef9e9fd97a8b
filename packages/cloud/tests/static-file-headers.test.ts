import { describe, expect, it } from 'vitest';
import { staticFileHeaders } from '../src/index.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('staticFileHeaders', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['assets/index-1RaH0qxd.js', 'text/javascript; charset=utf-8', IMMUTABLE],
    ['/assets/index-BxPkgH5n.css', 'text/css; charset=utf-8', IMMUTABLE],
    ['assets/index-1RaH0qxd.js.map', 'application/json', IMMUTABLE],
    ['assets/logo-9f8e7d.PNG', 'image/png', IMMUTABLE],
    ['favicon.svg', 'image/svg+xml', 'no-cache'],
    ['site.webmanifest', 'application/manifest+json', 'no-cache'],
    ['notes/assets/readme', 'application/octet-stream', 'no-cache'],
  ])('serves %s as %s with Cache-Control %s', (path, contentType, cacheControl) => {
    // Act
    const headers = staticFileHeaders(path);

    // Assess
    expect(headers).toEqual({ contentType, cacheControl });
  });
});
