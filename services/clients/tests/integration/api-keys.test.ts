import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiResponse, errorCode, request } from '../../../users/tests/support/api-client.js';
import { type IdentityCloud, startIdentityCloud } from '../../../users/tests/support/identity-cloud.js';
import { seedTenant, type Tenant } from '../../../users/tests/support/tenants.js';

const seedResult = z.object({
  created: z.boolean(),
  clientId: z.string(),
  scopes: z.array(z.string()),
  key: z.string().optional(),
});

interface CreatedKey {
  id: string;
  key: string;
  label: string;
  scopes: string[];
}
interface Client {
  id: string;
  name: string;
  keys: {
    id: string;
    label: string;
    scopes: string[];
    lastUsedAt: string | null;
    revokedAt: string | null;
  }[];
}

describe('client systems and API keys through the gateway', () => {
  let cloud: IdentityCloud;
  let acme: Tenant;
  let api: string;
  let probe: string;

  const withKey = (key: string) => ({ headers: { 'x-api-key': key } });
  const newClient = async (name: string): Promise<Client> =>
    (await request<Client>('POST', api, { token: acme.tokens.admin, body: { name } })).body;
  const newKey = async (clientId: string, scopes: string[]): Promise<ApiResponse<CreatedKey>> =>
    request<CreatedKey>('POST', `${api}/${clientId}/keys`, { token: acme.tokens.admin, body: { scopes } });

  beforeAll(async () => {
    cloud = await startIdentityCloud(['clients'], {
      extra: { 'scope-probe': 'services/clients/tests/fixtures/scope-probe/template.yaml' },
    });
    api = cloud.api('clients');
    probe = cloud.api('scope-probe');
    acme = await seedTenant(cloud, 'acme');
  }, 180_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  it('shows a new key once and keeps only a hash of its secret', async () => {
    // Prepare
    const client = await newClient('Web shop');

    // Act
    const created = await newKey(client.id, ['items:write', 'items:read', 'items:write']);
    const listed = await request<Client>('GET', `${api}/${client.id}`, { token: acme.tokens.admin });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body.key).toMatch(/^mck_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.body.scopes).toEqual(['items:read', 'items:write']);
    expect(listed.body.keys).toEqual([
      expect.objectContaining({
        id: created.body.id,
        label: created.body.label,
        scopes: ['items:read', 'items:write'],
      }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key.slice(21));
    const secret = created.body.key.slice(21);
    const db = new pg.Client({ connectionString: cloud.database.url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT * FROM clients.api_keys WHERE id = $1', [created.body.id]);
      expect(JSON.stringify(rows)).not.toContain(secret);
    } finally {
      await db.end();
    }
  });

  it('authorizes a key with its client system, organisation and scopes, and records its use', async () => {
    // Prepare
    const client = await newClient('Planning system');
    const { body: key } = await newKey(client.id, ['items:read', 'tracking:read']);

    // Act
    const whoami = await request('GET', `${api}/whoami`, withKey(key.key));
    const after = await request<Client>('GET', `${api}/${client.id}`, { token: acme.tokens.admin });

    // Assess
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({
      clientId: client.id,
      orgId: acme.orgId,
      scopes: ['items:read', 'tracking:read'],
    });
    expect(after.body.keys[0]?.lastUsedAt).not.toBeNull();
  });

  it('refuses a revoked key at once, through another service’s API too', async () => {
    // Prepare
    const client = await newClient('Old ERP');
    const { body: key } = await newKey(client.id, ['items:read']);
    expect((await request('GET', `${probe}/items`, withKey(key.key))).status).toBe(200);

    // Act
    const revoked = await request('DELETE', `${api}/${client.id}/keys/${key.id}`, {
      token: acme.tokens.admin,
    });

    // Assess
    expect(revoked.status).toBe(204);
    expect((await request('GET', `${probe}/items`, withKey(key.key))).status).toBe(401);
    expect((await request('GET', `${api}/whoami`, withKey(key.key))).status).toBe(401);
    const listed = await request<Client>('GET', `${api}/${client.id}`, { token: acme.tokens.admin });
    expect(listed.body.keys[0]?.revokedAt).not.toBeNull();
  });

  it.each([
    ['a wrong secret for a real key id', (key: string) => `${key.slice(0, 21)}${'A'.repeat(43)}`],
    ['an unknown key', () => `mck_0123456789abcdef_${'B'.repeat(43)}`],
    ['something that is not a key', () => 'Bearer nonsense'],
  ])('refuses %s with 401', async (_case, make) => {
    // Prepare
    const client = await newClient(`Client ${Math.random()}`);
    const { body: key } = await newKey(client.id, ['items:read']);

    // Act
    const response = await request('GET', `${probe}/items`, withKey(make(key.key)));

    // Assess
    expect(response.status).toBe(401);
  });

  it('lets another service check scopes: a read-only key reads items but cannot write them', async () => {
    // Prepare
    const client = await newClient('Reporting tool');
    const { body: readOnly } = await newKey(client.id, ['items:read']);
    const { body: writer } = await newKey(client.id, ['items:write']);

    // Act
    const read = await request('GET', `${probe}/items`, withKey(readOnly.key));
    const write = await request('POST', `${probe}/items`, { ...withKey(readOnly.key), body: { name: 'x' } });
    const writerWrites = await request('POST', `${probe}/items`, {
      ...withKey(writer.key),
      body: { name: 'x' },
    });
    const writerReads = await request('GET', `${probe}/items`, withKey(writer.key));

    // Assess
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ clientId: client.id, orgId: acme.orgId, scope: 'items:read' });
    expect(write.status).toBe(403);
    expect(errorCode(write)).toBe('INSUFFICIENT_SCOPE');
    expect(writerWrites.status).toBe(200);
    expect(writerReads.status).toBe(403);
  });

  it('lets another service guard one API with both authorizers', async () => {
    // Act
    const dispatcher = await request('GET', `${probe}/dispatch`, { token: acme.tokens.dispatcher });
    const driver = await request('GET', `${probe}/dispatch`, { token: acme.tokens.driver1 });

    // Assess
    expect(dispatcher.body).toEqual({
      userId: acme.userIds.dispatcher,
      orgId: acme.orgId,
      role: 'dispatcher',
    });
    expect(driver.status).toBe(403);
  });

  it('refuses scopes that do not exist, naming the field', async () => {
    // Prepare
    const client = await newClient('Typo system');

    // Act
    const response = await newKey(client.id, ['items:read', 'items:delete']);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'body.scopes.1' }] },
    });
  });

  it('refuses a second client system of the same name', async () => {
    // Prepare
    await newClient('Twin');

    // Act
    const response = await request('POST', api, { token: acme.tokens.admin, body: { name: 'Twin' } });

    // Assess
    expect(response.status).toBe(409);
    expect(errorCode(response)).toBe('CLIENT_NAME_TAKEN');
  });

  it.each([
    { role: 'dispatcher', method: 'POST' },
    { role: 'driver1', method: 'GET' },
  ] as const)('refuses key management to $role ($method /clients)', async ({ role, method }) => {
    // Act
    const response = await request(method, api, {
      token: acme.tokens[role],
      ...(method === 'POST' ? { body: { name: 'Nope' } } : {}),
    });

    // Assess
    expect(response.status).toBe(403);
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it('seeds a demo client system once, showing its key only the first time', async () => {
    // Act
    const first = await cloud.call('clients', 'SeedDemo', { orgId: acme.orgId }, seedResult);
    const second = await cloud.call('clients', 'SeedDemo', { orgId: acme.orgId }, seedResult);
    const whoami = await request('GET', `${api}/whoami`, withKey(first.key ?? ''));

    // Assess
    expect(first).toMatchObject({ created: true, key: expect.stringMatching(/^mck_/) });
    expect(second).toEqual({ created: false, clientId: first.clientId, scopes: first.scopes });
    expect(whoami.body).toMatchObject({ orgId: acme.orgId, scopes: first.scopes });
  });
});
