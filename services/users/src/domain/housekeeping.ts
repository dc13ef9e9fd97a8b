import { LOGIN_THROTTLE } from './login-throttle.js';
import type { RefreshTokenStore, ThrottleStore } from './ports.js';

/** What one housekeeping run removed. */
export interface Pruned {
  readonly throttleKeys: number;
  readonly refreshTokens: number;
}

/**
 * Removes what no longer decides anything: throttle keys whose strikes are forgotten (every failed
 * login with a made-up address adds one, so they must not pile up) and refresh tokens past
 * their expiry (a used token is kept until then, so that replaying it is still recognised).
 * @example
 * const pruned = await pruneExpired({ throttle, refreshTokens }, new Date());
 */
export async function pruneExpired(
  stores: { readonly throttle: ThrottleStore; readonly refreshTokens: RefreshTokenStore },
  now: Date,
): Promise<Pruned> {
  const forgetAfter = Math.max(...Object.values(LOGIN_THROTTLE).map((rule) => rule.forgetAfterSeconds));
  const cutoff = new Date(now.getTime() - forgetAfter * 1000);
  return {
    throttleKeys: await stores.throttle.forget(cutoff, now),
    refreshTokens: await stores.refreshTokens.deleteExpired(now),
  };
}
