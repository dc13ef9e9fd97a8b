import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost settings: `N` = 2^logN, block size `r`, parallelisation `p`. */
export interface ScryptCost {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

/**
 * N = 2^15, r = 8, p = 3: one of OWASP's settings equivalent to its scrypt minimum (2^17, 8, 1),
 * chosen because it needs 32 MiB per hash instead of 128 MiB, which a 256 MB function can afford.
 * About 300 ms per hash on a 2-core machine.
 */
export const PASSWORD_COST: ScryptCost = { logN: 15, r: 8, p: 3 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Hashes a password with scrypt and a fresh random salt, as a PHC string
 * (`$scrypt$ln=15,r=8,p=3$<salt>$<hash>`) that keeps its own cost, so the cost can be raised later
 * without invalidating stored hashes.
 * @example
 * const stored = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return `$scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${unpadded(salt)}$${unpadded(key)}`;
}

/**
 * Whether `password` matches a stored hash, compared in constant time. A malformed stored value
 * never matches.
 * @example
 * if (!(await verifyPassword(body.password, user.passwordHash))) throw invalidCredentials();
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/**
 * Whether a stored hash was made with another cost than today's, so it should be replaced the next
 * time the password is known (at login).
 * @example
 * if (needsRehash(user.passwordHash)) await users.setPasswordHash(user.id, await hashPassword(password));
 */
export function needsRehash(stored: string, cost: ScryptCost = PASSWORD_COST): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.cost.logN !== cost.logN || parsed.cost.r !== cost.r || parsed.cost.p !== cost.p;
}

let decoy: Promise<string> | undefined;

/**
 * A real hash of no one's password, made once per execution environment: an attempt on an unknown
 * account is checked against it, so it costs as long as one on a real account and the response
 * time does not tell whether the account exists.
 * @example
 * await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.logN;
  // Node refuses scrypt above maxmem (32 MiB by default); 128 * N * r is what it needs, with headroom.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  const match = PHC.exec(stored);
  if (!match) return undefined;
  const [, logN, r, p, salt, key] = match;
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
  // Bounds keep a corrupted row from asking scrypt for gigabytes.
  if (cost.logN < 10 || cost.logN > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16)
    return undefined;
  return { cost, salt: Buffer.from(salt as string, 'base64'), key: Buffer.from(key as string, 'base64') };
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
