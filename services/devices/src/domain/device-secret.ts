import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new device secret and the hash the service keeps. */
export interface NewDeviceSecret {
  /** `mcd_<43 characters>`: shown once, URL-safe (it may travel as a query parameter). */
  readonly secret: string;
  readonly hash: string;
}

/**
 * A new 256-bit device secret. URL-safe characters only, because OsmAnd apps send it in the
 * query string; stored as SHA-256, which is enough for a random value of that size.
 * @example
 * const { secret, hash } = newDeviceSecret();
 */
export function newDeviceSecret(): NewDeviceSecret {
  const secret = `mcd_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashDeviceSecret(secret) };
}

/**
 * Whether a presented secret matches a stored hash, in constant time.
 * @example
 * candidates.find((device) => deviceSecretMatches(secret, device.secretHash));
 */
export function deviceSecretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashDeviceSecret(secret), 'base64url');
  const stored = Buffer.from(storedHash, 'base64url');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

function hashDeviceSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
