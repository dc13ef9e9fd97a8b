import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/api-client.js';
import { type DeclaredRoute, declaredRoutes } from '../support/declared-routes.js';
import { type IdentityCloud, startIdentityCloud } from '../support/identity-cloud.js';

const SERVICES = ['users', 'clients', 'devices'] as const;

/** The only routes anyone may call: logging in, refreshing a session, and health checks. */
const OPEN_ROUTES = [
  'users POST /login',
  'users POST /refresh',
  'users GET /health',
  'clients GET /health',
  'devices GET /health',
];

const routes: DeclaredRoute[] = (
  await Promise.all(SERVICES.map((service) => declaredRoutes(service)))
).flat();

describe('every declared route of the identity services', () => {
  let cloud: IdentityCloud;

  const urlOf = (route: DeclaredRoute): string =>
    `${cloud.api(route.service)}${route.path === '/' ? '' : route.path.replace(/\{[^}]+\}/g, () => randomUUID())}`;

  beforeAll(async () => {
    cloud = await startIdentityCloud(['clients', 'devices']);
  }, 180_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  it('declares an authorizer on every route but login, refresh and health', () => {
    // Assess
    expect(routes.length).toBeGreaterThan(20);
    expect(
      routes
        .filter((route) => route.authorizer === undefined)
        .map((route) => route.name)
        .sort(),
    ).toEqual([...OPEN_ROUTES].sort());
  });

  it.each(
    routes.filter((route) => route.authorizer !== undefined).map((route) => [route.name, route] as const),
  )('answers %s with 401 without credentials and with made-up ones', async (_name, route) => {
    // Act
    const bare = await request(route.method, urlOf(route));
    const madeUp = await request(route.method, urlOf(route), {
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
      headers: { 'x-api-key': `mck_0123456789abcdef_${'A'.repeat(43)}` },
    });

    // Assess
    expect(bare.status).toBe(401);
    expect(bare.body).toEqual({ message: 'Unauthorized' });
    expect(madeUp.status).toBe(401);
  });

  it.each(
    routes.filter((route) => route.authorizer === undefined).map((route) => [route.name, route] as const),
  )('serves %s without credentials', async (_name, route) => {
    // Act
    const response = await request(route.method, urlOf(route), route.method === 'POST' ? { body: {} } : {});

    // Assess: health answers, login and refresh validate their body — none asks who is calling.
    expect([200, 400]).toContain(response.status);
  });
});
