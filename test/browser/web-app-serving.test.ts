import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceCloud, startServiceCloud } from '../support/service-cloud.js';

/** A raw GET (fetch would normalise `..` away before sending it). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the gateway serving a built web app', () => {
  let system: ServiceCloud;
  let site: string;
  let gateway: string;

  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'motorcade-site-'));
    await mkdir(join(site, 'assets'));
    await writeFile(join(site, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(site, 'assets', 'index-abc123.js'), 'console.log(1);');
    await writeFile(join(site, 'robots.txt'), 'User-agent: *');
    system = await startServiceCloud({
      services: {
        users: { template: 'services/users/template.yaml', parameters: { JwtSecret: 'x'.repeat(40) } },
      },
      cloud: { webApp: site },
    });
    gateway = system.cloud.gateway?.url ?? '';
  });

  afterAll(async () => {
    await system?.stop();
    await rm(site, { recursive: true, force: true });
  });

  it('serves index.html at the root and at /index.html, revalidated on every load', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await fetch(`${gateway}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>app</title>');
    }
  });

  it('serves hashed assets with their type, cached for good', async () => {
    const response = await fetch(`${gateway}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('console.log(1);');
  });

  it('answers app paths without an extension with index.html, and missing files with 404', async () => {
    const appPath = await fetch(`${gateway}/operations/today`);
    expect(appPath.status).toBe(200);
    expect(await appPath.text()).toContain('<title>app</title>');
    const missing = await fetch(`${gateway}/assets/gone-123.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/plain');
  });

  it('lets an API base path win over the app', async () => {
    const health = await fetch(`${gateway}/users/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    // An unknown route of a served API is API Gateway's answer, not the app.
    const unknown = await fetch(`${gateway}/users/no/such/route`);
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('never serves a file outside the app directory', async () => {
    const escaped = await rawGet(gateway, '/../../../../etc/passwd');
    expect(escaped.body).not.toContain('root:');
    const encoded = await rawGet(gateway, '/%2e%2e/%2e%2e/%2e%2e/etc/passwd');
    expect(encoded.body).not.toContain('root:');
  });

  it('serves the metrics beside the app, so the browser reads them from the same origin', async () => {
    await fetch(`${gateway}/users/health`);
    const response = await fetch(`${gateway}/_motorcade/metrics?minutes=5`);
    expect(response.status).toBe(200);
    const metrics = (await response.json()) as {
      environment: string;
      bucketSeconds: number;
      series: { api: Record<string, { requests: number }> }[];
    };
    expect(metrics.environment).toBe('test');
    expect(metrics.bucketSeconds).toBe(10);
    const requests = metrics.series
      .flatMap((bucket) => Object.values(bucket.api))
      .reduce((sum, api) => sum + api.requests, 0);
    expect(requests).toBeGreaterThan(0);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetch(`${gateway}/robots.txt`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('');
  });
});
