import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, request } from '../support/api-client.js';
import {
  type IdentityCloud,
  startIdentityCloud,
  TEST_JWT_SECRET,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from '../support/identity-cloud.js';
import { login, seedTenant, TEST_PASSWORD, type Tenant, type Tokens } from '../support/tenants.js';

/** Signs a token with the stack's key, so only the named claim is wrong. */
async function forge(
  claims: { sub: string; org: string; role: string },
  overrides: { issuer?: string; audience?: string; expiresAt?: number; secret?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: claims.org, role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(overrides.issuer ?? TOKEN_ISSUER)
    .setAudience(overrides.audience ?? TOKEN_AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(overrides.expiresAt ?? now + 600)
    .sign(new TextEncoder().encode(overrides.secret ?? TEST_JWT_SECRET));
}

describe('users sessions through the gateway', () => {
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

  it('logs in with organisation, email and password and calls an API with the access token', async () => {
    // Act
    const response = await request<Tokens & { tokenType: string; expiresIn: number; user: { role: string } }>(
      'POST',
      `${api}/login`,
      { body: { organisation: 'ACME', email: ' Dispatcher@Acme.Example ', password: TEST_PASSWORD } },
    );
    const me = await request('GET', `${api}/me`, { token: response.body.accessToken });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { role: 'dispatcher' },
    });
    expect(response.body.refreshToken).toMatch(/^mcr_/);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: acme.userIds.dispatcher, orgId: acme.orgId, role: 'dispatcher' });
    expect(JSON.stringify(me.body)).not.toMatch(/password|scrypt/i);
  });

  it.each([
    ['a wrong password', 'acme', 'driver1@acme.example', 'not the password'],
    ['an unknown email', 'acme', 'nobody@acme.example', TEST_PASSWORD],
    ['an unknown organisation', 'nowhere', 'driver1@acme.example', TEST_PASSWORD],
  ])('refuses a login with %s in the same words', async (_case, organisation, email, password) => {
    // Act
    const response = await request('POST', `${api}/login`, { body: { organisation, email, password } });

    // Assess
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS', message: 'The organisation, email or password is wrong' },
    });
  });

  it('rotates the refresh token: the new pair works, the old refresh token does not', async () => {
    // Prepare
    const first = await login(cloud, 'acme', 'driver1@acme.example');

    // Act
    const refreshed = await request<Tokens>('POST', `${api}/refresh`, {
      body: { refreshToken: first.refreshToken },
    });
    const again = await request('POST', `${api}/refresh`, { body: { refreshToken: first.refreshToken } });

    // Assess
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);
    expect((await request('GET', `${api}/me`, { token: refreshed.body.accessToken })).status).toBe(200);
    expect(again.status).toBe(401);
    expect(errorCode(again)).toBe('INVALID_REFRESH_TOKEN');
  });

  it('revokes the whole session when a used refresh token is presented again (a stolen copy)', async () => {
    // Prepare
    const first = await login(cloud, 'acme', 'driver1@acme.example');
    const rotated = await request<Tokens>('POST', `${api}/refresh`, {
      body: { refreshToken: first.refreshToken },
    });

    // Act: the thief replays the old token; then the rightful client tries its new one.
    await request('POST', `${api}/refresh`, { body: { refreshToken: first.refreshToken } });
    const rightful = await request('POST', `${api}/refresh`, {
      body: { refreshToken: rotated.body.refreshToken },
    });

    // Assess
    expect(rightful.status).toBe(401);
  });

  it('logs out: the refresh token is revoked, other sessions stay', async () => {
    // Prepare
    const phone = await login(cloud, 'acme', 'driver1@acme.example');
    const laptop = await login(cloud, 'acme', 'driver1@acme.example');

    // Act
    const logout = await request('POST', `${api}/logout`, {
      token: phone.accessToken,
      body: { refreshToken: phone.refreshToken },
    });

    // Assess
    expect(logout.status).toBe(204);
    expect(
      (await request('POST', `${api}/refresh`, { body: { refreshToken: phone.refreshToken } })).status,
    ).toBe(401);
    expect(
      (await request('POST', `${api}/refresh`, { body: { refreshToken: laptop.refreshToken } })).status,
    ).toBe(200);
  });

  it('logs out everywhere: every refresh token of the user is revoked', async () => {
    // Prepare
    const phone = await login(cloud, 'acme', 'driver1@acme.example');
    const laptop = await login(cloud, 'acme', 'driver1@acme.example');

    // Act
    await request('POST', `${api}/logout`, {
      token: phone.accessToken,
      body: { refreshToken: phone.refreshToken, everywhere: true },
    });

    // Assess
    expect(
      (await request('POST', `${api}/refresh`, { body: { refreshToken: laptop.refreshToken } })).status,
    ).toBe(401);
  });

  it('ignores a logout of another user’s refresh token', async () => {
    // Prepare
    const victim = await login(cloud, 'acme', 'dispatcher@acme.example');

    // Act
    const logout = await request('POST', `${api}/logout`, {
      token: acme.tokens.driver1,
      body: { refreshToken: victim.refreshToken },
    });

    // Assess
    expect(logout.status).toBe(204);
    expect(
      (await request('POST', `${api}/refresh`, { body: { refreshToken: victim.refreshToken } })).status,
    ).toBe(200);
  });

  it.each([
    [
      'expired',
      async (claims: Parameters<typeof forge>[0]) =>
        forge(claims, { expiresAt: Math.floor(Date.now() / 1000) - 5 }),
    ],
    [
      'signed with another key',
      async (claims: Parameters<typeof forge>[0]) =>
        forge(claims, { secret: 'another-secret-0123456789abcdefghijklmnop' }),
    ],
    [
      'for another audience',
      async (claims: Parameters<typeof forge>[0]) => forge(claims, { audience: 'test-billing-api' }),
    ],
    [
      'from another issuer',
      async (claims: Parameters<typeof forge>[0]) => forge(claims, { issuer: 'staging-users' }),
    ],
    [
      'tampered with (role raised to admin)',
      async (claims: Parameters<typeof forge>[0]) => {
        const [header, payload, signature] = (await forge(claims)).split('.') as [string, string, string];
        const raised = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' };
        return `${header}.${Buffer.from(JSON.stringify(raised)).toString('base64url')}.${signature}`;
      },
    ],
    [
      'unsigned (alg none)',
      async (claims: Parameters<typeof forge>[0]) => {
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const [, payload] = (await forge(claims)).split('.') as [string, string];
        return `${header}.${payload}.`;
      },
    ],
  ])('refuses a token %s with 401', async (_case, make) => {
    // Prepare
    const token = await make({ sub: acme.userIds.driver1, org: acme.orgId, role: 'driver' });

    // Act
    const response = await request('GET', `${api}/me`, { token });

    // Assess
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ message: 'Unauthorized' });
  });

  it('accepts a token forged only to prove the forging is right (control for the refusals above)', async () => {
    // Act
    const response = await request('GET', `${api}/me`, {
      token: await forge({ sub: acme.userIds.driver1, org: acme.orgId, role: 'driver' }),
    });

    // Assess
    expect(response.status).toBe(200);
  });

  it('refuses a disabled user’s live access token, refresh token and password', async () => {
    // Prepare
    const session = await login(cloud, 'acme', 'driver2@acme.example');
    expect((await request('GET', `${api}/me`, { token: session.accessToken })).status).toBe(200);

    // Act
    const disabled = await request('POST', `${api}/${acme.userIds.driver2}/disable`, {
      token: acme.tokens.admin,
    });

    // Assess
    expect(disabled.status).toBe(200);
    expect((await request('GET', `${api}/me`, { token: session.accessToken })).status).toBe(401);
    expect(
      (await request('POST', `${api}/refresh`, { body: { refreshToken: session.refreshToken } })).status,
    ).toBe(401);
    const relogin = await request('POST', `${api}/login`, {
      body: { organisation: 'acme', email: 'driver2@acme.example', password: TEST_PASSWORD },
    });
    expect(relogin.status).toBe(403);
    expect(errorCode(relogin)).toBe('ACCOUNT_DISABLED');
  });

  it('lets a re-enabled user log in again', async () => {
    // Prepare
    await request('POST', `${api}/${acme.userIds.driver2}/disable`, { token: acme.tokens.admin });

    // Act
    const enabled = await request('POST', `${api}/${acme.userIds.driver2}/enable`, {
      token: acme.tokens.admin,
    });

    // Assess
    expect(enabled.status).toBe(200);
    expect((await login(cloud, 'acme', 'driver2@acme.example')).accessToken).toBeTruthy();
  });
});
