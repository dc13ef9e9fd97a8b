import { AccessTokens } from '../domain/access-tokens.js';
import { Sessions } from '../domain/sessions.js';
import { TokenValidation } from '../domain/token-validation.js';
import { UserAdmin } from '../domain/user-admin.js';
import type { Database } from '../store/database.js';
import { PgLoginThrottleStore } from '../store/login-throttle-store.js';
import { PgRefreshTokenStore } from '../store/refresh-token-store.js';
import { PgUserStore } from '../store/user-store.js';
import { accessTokenSettings } from './settings.js';

/**
 * Login, refresh and logout on a connection.
 * @example
 * const sessions = sessionsOn(db);
 */
export function sessionsOn(db: Database): Sessions {
  return new Sessions({
    users: new PgUserStore(db),
    refreshTokens: new PgRefreshTokenStore(db),
    throttle: new PgLoginThrottleStore(db),
    accessTokens: new AccessTokens(accessTokenSettings()),
  });
}

/**
 * User management on a connection.
 * @example
 * const admin = userAdminOn(db);
 */
export function userAdminOn(db: Database): UserAdmin {
  return new UserAdmin(new PgUserStore(db), new PgRefreshTokenStore(db));
}

/**
 * The authorizer's decision on a connection.
 * @example
 * const validation = tokenValidationOn(db);
 */
export function tokenValidationOn(db: Database): TokenValidation {
  return new TokenValidation(new AccessTokens(accessTokenSettings()), new PgUserStore(db));
}
