import { createHash, randomBytes } from 'node:crypto';

/** Refresh tokens live this long unless used (rotated), revoked or their user is disabled. */
export const REFRESH_TOKEN_LIFETIME_DAYS = 30;

/** The prefix marks the string as a Motorcade refresh token (secret scanners can recognise it). */
const PREFIX = 'mcr_';

/** A new refresh token: the string the client keeps, and the hash the service stores. */
export interface NewRefreshToken {
  readonly token: string;
  readonly hash: string;
}

/**
 * A new opaque refresh token of 256 random bits. Only its hash is stored: a leaked table holds
 * nothing a client could present.
 * @example
 * const { token, hash } = newRefreshToken();
 */
export function newRefreshToken(): NewRefreshToken {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

/**
 * The stored form of a refresh token. A fast hash is enough: the token has 256 bits of entropy,
 * so there is nothing to guess (unlike a password).
 * @example
 * const stored = await refreshTokens.claim(hashRefreshToken(body.refreshToken), now);
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * When a refresh token issued at `now` expires.
 * @example
 * await store.create({ ..., expiresAt: refreshTokenExpiry(now) });
 */
export function refreshTokenExpiry(now: Date): Date {
  return new Date(now.getTime() + REFRESH_TOKEN_LIFETIME_DAYS * 86_400_000);
}
