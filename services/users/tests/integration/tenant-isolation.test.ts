import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiResponse, errorCode, request } from '../support/api-client.js';
import { declaredRoutes } from '../support/declared-routes.js';
import { type IdentityCloud, startIdentityCloud } from '../support/identity-cloud.js';
import { login, seedTenant, type Tenant, type Tokens } from '../support/tenants.js';

/** What another tenant (globex) owns; acme's admin tries to reach it through every route. */
interface Theirs {
  clientId: string;
  clientName: string;
  keyId: string;
  key: string;
  deviceId: string;
  deviceSecret: string;
  deviceUniqueId: string;
  vehicleId: string;
  session: Tokens;
}

/**
 * One route tried across tenants: `act` is acme's admin (or a client key) going for globex's data,
 * `assess` checks the answer, and `unharmed` checks globex's data afterwards.
 */
interface CrossTenantCase {
  readonly route: string;
  readonly act: () => Promise<ApiResponse>;
  readonly assess: (response: ApiResponse) => void;
  readonly unharmed?: () => Promise<void>;
}

describe('two tenants: nothing of one can be read, changed or detected by the other', () => {
  let cloud: IdentityCloud;
  let acme: Tenant;
  let globex: Tenant;
  const theirs = {} as Theirs;
  const api = (service: string) => cloud.api(service);
  const asAcme = (method: string, url: string, body?: unknown) =>
    request(method, url, { token: acme.tokens.admin, ...(body === undefined ? {} : { body }) });
  const notFound = (code: string) => (response: ApiResponse) => {
    expect(response.status).toBe(404);
    expect(errorCode(response)).toBe(code);
  };
  const globexStillSees = async (service: string, path: string, expected: Record<string, unknown>) => {
    const response = await request('GET', `${api(service)}${path}`, { token: globex.tokens.admin });
    expect(response.body).toMatchObject(expected);
  };
  const deviceStillAuthenticates = async () => {
    const result = await cloud.call(
      'devices',
      'AuthenticateDevice',
      { queryStringParameters: { id: theirs.deviceUniqueId, key: theirs.deviceSecret } },
      z.object({
        authenticated: z.boolean(),
        device: z.object({ orgId: z.string(), vehicleId: z.string() }).optional(),
      }),
    );
    expect(result).toEqual({
      authenticated: true,
      device: expect.objectContaining({ orgId: globex.orgId, vehicleId: theirs.vehicleId }),
    });
  };

  const cases: CrossTenantCase[] = [
    // users
    {
      route: 'users GET /{userId}',
      act: () => asAcme('GET', `${api('users')}/${globex.userIds.driver1}`),
      assess: notFound('USER_NOT_FOUND'),
    },
    {
      route: 'users POST /{userId}/disable',
      act: () => asAcme('POST', `${api('users')}/${globex.userIds.driver1}/disable`),
      assess: notFound('USER_NOT_FOUND'),
      unharmed: () => globexStillSees('users', `/${globex.userIds.driver1}`, { disabled: false }),
    },
    {
      route: 'users POST /{userId}/enable',
      act: () => asAcme('POST', `${api('users')}/${globex.userIds.driver2}/enable`),
      assess: notFound('USER_NOT_FOUND'),
      unharmed: () => globexStillSees('users', `/${globex.userIds.driver2}`, { disabled: true }),
    },
    {
      route: 'users GET /',
      act: () => asAcme('GET', api('users')),
      assess: (response) => expect(JSON.stringify(response.body)).not.toContain('globex'),
    },
    {
      route: 'users POST /',
      // An address registered by globex is free in acme: the answer reveals nothing about globex.
      act: () =>
        asAcme('POST', api('users'), {
          email: 'driver1@globex.example',
          name: 'D',
          role: 'driver',
          password: 'a long enough password',
        }),
      assess: (response) => expect(response.status).toBe(201),
      unharmed: async () => {
        const session = await login(cloud, 'globex', 'driver1@globex.example');
        expect(session.accessToken).toBeTruthy();
      },
    },
    {
      route: 'users GET /me',
      act: () => asAcme('GET', `${api('users')}/me`),
      assess: (response) => expect(response.body).toMatchObject({ orgId: acme.orgId }),
    },
    {
      route: 'users POST /logout',
      act: () => asAcme('POST', `${api('users')}/logout`, { refreshToken: theirs.session.refreshToken }),
      assess: (response) => expect(response.status).toBe(204),
      unharmed: async () => {
        const refreshed = await request('POST', `${api('users')}/refresh`, {
          body: { refreshToken: theirs.session.refreshToken },
        });
        expect(refreshed.status).toBe(200);
      },
    },
    // clients
    {
      route: 'clients GET /{clientId}',
      act: () => asAcme('GET', `${api('clients')}/${theirs.clientId}`),
      assess: notFound('CLIENT_NOT_FOUND'),
    },
    {
      route: 'clients POST /{clientId}/keys',
      act: () => asAcme('POST', `${api('clients')}/${theirs.clientId}/keys`, { scopes: ['items:write'] }),
      assess: notFound('CLIENT_NOT_FOUND'),
      unharmed: async () => {
        const client = await request<{ keys: unknown[] }>('GET', `${api('clients')}/${theirs.clientId}`, {
          token: globex.tokens.admin,
        });
        expect(client.body.keys).toHaveLength(1);
      },
    },
    {
      route: 'clients DELETE /{clientId}/keys/{keyId}',
      act: () => asAcme('DELETE', `${api('clients')}/${theirs.clientId}/keys/${theirs.keyId}`),
      assess: notFound('API_KEY_NOT_FOUND'),
      unharmed: async () => {
        const whoami = await request('GET', `${api('clients')}/whoami`, {
          headers: { 'x-api-key': theirs.key },
        });
        expect(whoami.status).toBe(200);
      },
    },
    {
      route: 'clients GET /',
      act: () => asAcme('GET', api('clients')),
      assess: (response) => expect(JSON.stringify(response.body)).not.toContain(theirs.clientId),
    },
    {
      route: 'clients POST /',
      act: () => asAcme('POST', api('clients'), { name: theirs.clientName }),
      assess: (response) => expect(response.status).toBe(201),
    },
    {
      route: 'clients GET /whoami',
      // A key only ever speaks for its own organisation.
      act: () => request('GET', `${api('clients')}/whoami`, { headers: { 'x-api-key': theirs.key } }),
      assess: (response) =>
        expect(response.body).toMatchObject({ orgId: globex.orgId, clientId: theirs.clientId }),
    },
    // devices
    {
      route: 'devices GET /{deviceId}',
      act: () => asAcme('GET', `${api('devices')}/${theirs.deviceId}`),
      assess: notFound('DEVICE_NOT_FOUND'),
    },
    {
      route: 'devices PATCH /{deviceId}',
      act: () => asAcme('PATCH', `${api('devices')}/${theirs.deviceId}`, { vehicleId: 'stolen' }),
      assess: notFound('DEVICE_NOT_FOUND'),
      unharmed: deviceStillAuthenticates,
    },
    {
      route: 'devices POST /{deviceId}/secret',
      act: () => asAcme('POST', `${api('devices')}/${theirs.deviceId}/secret`),
      assess: notFound('DEVICE_NOT_FOUND'),
      unharmed: deviceStillAuthenticates,
    },
    {
      route: 'devices DELETE /{deviceId}',
      act: () => asAcme('DELETE', `${api('devices')}/${theirs.deviceId}`),
      assess: notFound('DEVICE_NOT_FOUND'),
      unharmed: deviceStillAuthenticates,
    },
    {
      route: 'devices GET /',
      act: () => asAcme('GET', `${api('devices')}?vehicleId=${theirs.vehicleId}`),
      assess: (response) => expect(response.body).toEqual({ devices: [] }),
    },
    {
      route: 'devices POST /',
      act: () =>
        asAcme('POST', api('devices'), { vehicleId: theirs.vehicleId, uniqueId: theirs.deviceUniqueId }),
      assess: (response) => expect(response.status).toBe(201),
      unharmed: deviceStillAuthenticates,
    },
  ];

  beforeAll(async () => {
    cloud = await startIdentityCloud(['clients', 'devices']);
    acme = await seedTenant(cloud, 'acme');
    globex = await seedTenant(cloud, 'globex');
    const client = await request<{ id: string; name: string }>('POST', api('clients'), {
      token: globex.tokens.admin,
      body: { name: 'Globex ERP' },
    });
    const key = await request<{ id: string; key: string }>(
      'POST',
      `${api('clients')}/${client.body.id}/keys`,
      {
        token: globex.tokens.admin,
        body: { scopes: ['items:write'] },
      },
    );
    const device = await request<{ id: string; secret: string; uniqueId: string; vehicleId: string }>(
      'POST',
      api('devices'),
      {
        token: globex.tokens.admin,
        body: { vehicleId: 'globex-truck-1', uniqueId: '353456789012345' },
      },
    );
    await request('POST', `${api('users')}/${globex.userIds.driver2}/disable`, {
      token: globex.tokens.admin,
    });
    Object.assign(theirs, {
      clientId: client.body.id,
      clientName: client.body.name,
      keyId: key.body.id,
      key: key.body.key,
      deviceId: device.body.id,
      deviceSecret: device.body.secret,
      deviceUniqueId: device.body.uniqueId,
      vehicleId: device.body.vehicleId,
      session: await login(cloud, 'globex', 'dispatcher@globex.example'),
    } satisfies Theirs);
  }, 180_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  it('tries every guarded route of the three services', async () => {
    // Prepare
    const declared = (
      await Promise.all(['users', 'clients', 'devices'].map((service) => declaredRoutes(service)))
    )
      .flat()
      .filter((route) => route.authorizer !== undefined)
      .map((route) => route.name);

    // Assess: a new route without a cross-tenant case fails here.
    expect(cases.map((entry) => entry.route).sort()).toEqual(declared.sort());
  });

  it.each(cases.map((entry) => [entry.route, entry] as const))(
    'keeps %s within the caller’s tenant',
    async (_route, entry) => {
      // Act
      const response = await entry.act();

      // Assess
      entry.assess(response);
      await entry.unharmed?.();
    },
  );
});
