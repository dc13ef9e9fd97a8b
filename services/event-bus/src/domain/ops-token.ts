import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization` header carries the ops token (`Bearer <token>` or the bare token).
 * Compared in constant time over digests, so neither the token nor its length leaks through timing.
 * @example
 * carriesOpsToken('Bearer s3cret', 's3cret'); // true
 */
export function carriesOpsToken(header: string, token: string): boolean {
  if (token === '') return false;
  const presented = header.replace(/^Bearer\s+/i, '').trim();
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
