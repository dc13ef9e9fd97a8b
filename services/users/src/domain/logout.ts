import type { Caller } from './caller.js';
import type { RefreshTokenStore } from './ports.js';
import { hashRefreshToken } from './refresh-tokens.js';
import type { LogoutRequest } from './requests.js';

/**
 * Ends the caller's session of `refreshToken` (every token of that login), or every session of the
 * caller with `everywhere`. A token of another user is ignored, silently: the answer does not tell
 * whether it exists. Access tokens already issued live on until they expire (minutes).
 * @example
 * await logout(new PgRefreshTokenStore(db), caller, { refreshToken, everywhere: false });
 */
export async function logout(
  refreshTokens: RefreshTokenStore,
  caller: Caller,
  request: LogoutRequest,
  now: Date = new Date(),
): Promise<void> {
  if (request.everywhere) {
    await refreshTokens.revokeAllOf(caller.orgId, caller.userId, now);
    return;
  }
  const token = await refreshTokens.find(hashRefreshToken(request.refreshToken));
  if (token && token.userId === caller.userId && token.orgId === caller.orgId)
    await refreshTokens.revokeFamily(token.familyId, now);
}
