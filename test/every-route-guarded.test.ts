import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { applySamTransform, loadTemplate } from '@motorcade/template';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/service-cloud.js';

/**
 * The routes anyone may call without an authorizer: logging in, refreshing a session, health
 * checks, and device ingestion (devices authenticate themselves). Everything else must name one.
 */
const OPEN = [
  /^users POST \/login$/,
  /^users POST \/refresh$/,
  /^\S+ GET \/health$/,
  /^tracking (GET|POST) \/osmand$/,
];

interface Route {
  readonly name: string;
  readonly guarded: boolean;
}

async function templates(): Promise<{ service: string; file: string }[]> {
  const found: { service: string; file: string }[] = [];
  for (const folder of ['services', 'examples']) {
    for (const entry of await readdir(join(REPO_ROOT, folder), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const file = join(REPO_ROOT, folder, entry.name, 'template.yaml');
      if (
        await loadTemplate(file).then(
          () => true,
          () => false,
        )
      )
        found.push({ service: entry.name, file });
    }
  }
  return found;
}

/** Every method of every REST API a template declares, as the SAM transform writes them (Swagger `security`). */
async function routesOf(service: string, file: string): Promise<Route[]> {
  const document = applySamTransform(await loadTemplate(file), file);
  const routes: Route[] = [];
  for (const resource of Object.values(document.Resources)) {
    if (resource.Type !== 'AWS::ApiGateway::RestApi') continue;
    const body = resource.Properties?.Body as {
      paths?: Record<string, Record<string, { security?: unknown[] }>>;
    };
    for (const [path, methods] of Object.entries(body?.paths ?? {})) {
      for (const [method, operation] of Object.entries(methods)) {
        if (method.startsWith('x-') || method === 'options') continue; // CORS preflights answer without a function.
        const security = operation.security ?? [];
        const guarded = security.some(
          (entry) => typeof entry === 'object' && entry !== null && !('NONE' in entry),
        );
        routes.push({ name: `${service} ${method.toUpperCase()} ${path}`, guarded });
      }
    }
  }
  return routes;
}

describe('every API route of every template in the repository', () => {
  it('names an authorizer, except login, refresh, health and device ingestion', async () => {
    // Prepare
    const all = (
      await Promise.all((await templates()).map(({ service, file }) => routesOf(service, file)))
    ).flat();

    // Act
    const open = all.filter((route) => !route.guarded).map((route) => route.name);

    // Assess
    expect(all.length).toBeGreaterThan(20);
    // The check can tell an open route: login is one.
    expect(open).toContain('users POST /login');
    expect(open.filter((name) => !OPEN.some((pattern) => pattern.test(name)))).toEqual([]);
  });
});
