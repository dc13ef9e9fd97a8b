import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The key's prefix marks it as a Motorcade API key (secret scanners can recognise it). */
const PREFIX = 'mck';
const FORMAT = /^mck_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A new key: what the client system is shown once, and what the service keeps. */
export interface NewApiKey {
  /** `mck_<lookupId>_<secret>`: shown once, never stored. */
  readonly key: string;
  /** Finds the key's row; shown in listings so admins can tell keys apart. */
  readonly lookupId: string;
  readonly secretHash: string;
}

/**
 * A new API key: a 64-bit lookup id and a 256-bit secret. The secret is stored as SHA-256 — a
 * slow hash would add nothing for a random 256-bit value and would slow every authorization.
 * @example
 * const { key, lookupId, secretHash } = newApiKey();
 */
export function newApiKey(): NewApiKey {
  const lookupId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `${PREFIX}_${lookupId}_${secret}`, lookupId, secretHash: hashSecret(secret) };
}

/**
 * The parts of a presented key, or undefined when it is not one of ours.
 * @example
 * const parts = parseApiKey(event.authorizationToken);
 */
export function parseApiKey(presented: string): { lookupId: string; secret: string } | undefined {
  const match = FORMAT.exec(presented.trim());
  return match ? { lookupId: match[1] as string, secret: match[2] as string } : undefined;
}

/**
 * Whether a presented secret matches the stored hash, in constant time.
 * @example
 * if (!secretMatches(parts.secret, row.secretHash)) throw new InvalidApiKeyError('wrong secret');
 */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'base64url');
  const stored = Buffer.from(storedHash, 'base64url');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/**
 * How a key is shown after creation: its prefix and lookup id, never its secret.
 * @example
 * keyLabel('0123456789abcdef'); // 'mck_0123456789abcdef'
 */
export function keyLabel(lookupId: string): string {
  return `${PREFIX}_${lookupId}`;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
