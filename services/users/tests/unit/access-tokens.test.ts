import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AccessTokens } from '../../src/domain/access-tokens.js';
import type { Caller } from '../../src/domain/caller.js';
import { InvalidAccessTokenError } from '../../src/domain/errors.js';

const SECRET = 'unit-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const settings = { secret: SECRET, issuer: 'local-users', audience: 'local-users-api', lifetimeSeconds: 900 };
const tokens = new AccessTokens(settings);
const caller: Caller = { userId: randomUUID(), orgId: randomUUID(), role: 'dispatcher' };

async function reasonFor(token: string, now?: Date): Promise<string> {
  try {
    await tokens.verify(token, now);
    return 'accepted';
  } catch (error) {
    return error instanceof InvalidAccessTokenError ? error.reason : `unexpected ${String(error)}`;
  }
}

describe('access tokens', () => {
  it('verifies a token it issued, giving back the caller', async () => {
    // Prepare
    const { token, expiresIn } = await tokens.issue(caller);

    // Act
    const verified = await tokens.verify(token);

    // Assess
    expect(verified).toEqual(caller);
    expect(expiresIn).toBe(900);
  });

  it('refuses its own token once it has expired', async () => {
    // Prepare
    const issuedAt = new Date('2026-01-01T08:00:00Z');
    const { token } = await tokens.issue(caller, issuedAt);

    // Act & Assess
    expect(await reasonFor(token, new Date('2026-01-01T08:14:59Z'))).toBe('accepted');
    expect(await reasonFor(token, new Date('2026-01-01T08:15:01Z'))).toBe('expired');
  });

  it.each([
    [
      'another audience',
      new AccessTokens({ ...settings, audience: 'staging-users-api' }),
      'claim aud: check_failed',
    ],
    ['another issuer', new AccessTokens({ ...settings, issuer: 'staging-users' }), 'claim iss: check_failed'],
    ['another key', new AccessTokens({ ...settings, secret: `${SECRET}-other` }), 'bad signature'],
  ])('refuses a token made for %s', async (_case, issuer, reason) => {
    // Prepare
    const { token } = await issuer.issue(caller);

    // Act & Assess
    expect(await reasonFor(token)).toBe(reason);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    // Prepare
    const [header, payload, signature] = (await tokens.issue(caller)).token.split('.') as [
      string,
      string,
      string,
    ];
    const raised = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' }),
    ).toString('base64url');

    // Act & Assess
    expect(await reasonFor(`${header}.${raised}.${signature}`)).toBe('bad signature');
  });

  it('refuses an unsigned token (alg none)', async () => {
    // Prepare
    const [, payload] = (await tokens.issue(caller)).token.split('.') as [string, string];
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');

    // Act & Assess
    expect(await reasonFor(`${none}.${payload}.`)).not.toBe('accepted');
  });

  it('refuses a correctly signed token whose claims are not ours', async () => {
    // Prepare
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ org: 'not-a-uuid', role: 'owner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(caller.userId)
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode(SECRET));

    // Act & Assess
    expect(await reasonFor(token)).toBe('claims of the wrong shape');
  });

  it('refuses to sign with a key shorter than 32 characters', () => {
    // Act & Assess
    expect(() => new AccessTokens({ ...settings, secret: 'short' })).toThrow(RangeError);
  });
});
