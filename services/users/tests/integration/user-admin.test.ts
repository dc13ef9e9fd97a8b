import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorCode, request } from '../support/api-client.js';
import { type IdentityCloud, startIdentityCloud } from '../support/identity-cloud.js';
import { login, seedTenant, type Tenant } from '../support/tenants.js';

interface UserBody {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
}

const seeded = z.object({
  created: z.boolean(),
  organisation: z.object({ id: z.string(), slug: z.string() }),
  users: z.array(z.object({ email: z.string(), role: z.string() })),
  password: z.string().optional(),
});

describe('user management through the gateway', () => {
  let cloud: IdentityCloud;
  let acme: Tenant;
  let api: string;

  beforeAll(async () => {
    cloud = await startIdentityCloud(['users']);
    api = cloud.api('users');
    acme = await seedTenant(cloud, 'acme');
  }, 180_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  it('lets an admin add a user, who can then log in; the password is never shown', async () => {
    // Act
    const created = await request<UserBody>('POST', api, {
      token: acme.tokens.admin,
      body: {
        email: 'Grace@Acme.Example',
        name: 'Grace',
        role: 'driver',
        password: 'a long enough password',
      },
    });
    const session = await login(cloud, 'acme', 'grace@acme.example', 'a long enough password');

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/users/${created.body.id}`);
    expect(created.body).toMatchObject({ email: 'grace@acme.example', role: 'driver', disabled: false });
    expect(JSON.stringify(created.body)).not.toMatch(/password|scrypt/i);
    expect(session.accessToken).toBeTruthy();
  });

  it('refuses a second user with the same email in one organisation', async () => {
    // Act
    const response = await request('POST', api, {
      token: acme.tokens.admin,
      body: {
        email: 'driver1@acme.example',
        name: 'Twin',
        role: 'driver',
        password: 'a long enough password',
      },
    });

    // Assess
    expect(response.status).toBe(409);
    expect(errorCode(response)).toBe('EMAIL_TAKEN');
  });

  it('refuses a short password and an unknown role, naming both fields', async () => {
    // Act
    const response = await request('POST', api, {
      token: acme.tokens.admin,
      body: { email: 'x@acme.example', name: 'X', role: 'owner', password: 'short' },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'body.role' }, { path: 'body.password' }] },
    });
  });

  it('lists the organisation’s users a page at a time, by email', async () => {
    // Act
    const first = await request<{ users: UserBody[]; nextAfter?: string }>('GET', `${api}?limit=2`, {
      token: acme.tokens.admin,
    });
    const second = await request<{ users: UserBody[]; nextAfter?: string }>(
      'GET',
      `${api}?limit=2&after=${encodeURIComponent(first.body.nextAfter ?? '')}`,
      { token: acme.tokens.admin },
    );

    // Assess
    const emails = [...first.body.users, ...second.body.users].map((user) => user.email);
    expect(emails).toEqual([...emails].sort());
    expect(new Set(emails).size).toBe(4);
    expect(first.body.nextAfter).toBe(first.body.users[1]?.email);
  });

  it('shows any user their own profile', async () => {
    // Act
    const me = await request<UserBody>('GET', `${api}/me`, { token: acme.tokens.driver1 });

    // Assess
    expect(me.body).toMatchObject({ id: acme.userIds.driver1, role: 'driver' });
  });

  it.each([
    ['dispatcher', 'GET', ''],
    ['dispatcher', 'POST', ''],
    ['driver1', 'GET', '/{driver2}'],
    ['driver1', 'POST', '/{driver2}/disable'],
    ['dispatcher', 'POST', '/{driver2}/enable'],
  ] as const)('refuses a %s %s /users%s: only admins manage users', async (role, method, path) => {
    // Act
    const response = await request(method, `${api}${path.replace('{driver2}', acme.userIds.driver2)}`, {
      token: acme.tokens[role],
      ...(method === 'POST' && path === ''
        ? { body: { email: 'y@acme.example', name: 'Y', role: 'driver', password: 'a long enough password' } }
        : {}),
    });

    // Assess
    expect(response.status).toBe(403);
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it('does not let an admin disable themselves', async () => {
    // Act
    const response = await request('POST', `${api}/${acme.userIds.admin}/disable`, {
      token: acme.tokens.admin,
    });

    // Assess
    expect(response.status).toBe(409);
    expect(errorCode(response)).toBe('CANNOT_DISABLE_SELF');
  });

  it('seeds a demo organisation once, with a generated password shown only the first time', async () => {
    // Act
    const first = await cloud.call('users', 'SeedDemo', { organisation: 'demo' }, seeded);
    const second = await cloud.call('users', 'SeedDemo', { organisation: 'demo' }, seeded);
    const admin = await login(cloud, 'demo', 'admin@demo.example', first.password);

    // Assess
    expect(first.created).toBe(true);
    expect(first.users.map((user) => user.role).sort()).toEqual(['admin', 'dispatcher', 'driver', 'driver']);
    expect(second).toEqual({ created: false, organisation: first.organisation, users: first.users });
    expect(admin.accessToken).toBeTruthy();
  });
});
