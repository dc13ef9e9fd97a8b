import type { AccessTokens } from './access-tokens.js';
import type { Caller } from './caller.js';
import { InvalidAccessTokenError } from './errors.js';
import type { UserStore } from './ports.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/**
 * What the users authorizer decides: the `Authorization` header must carry `Bearer <JWT>`, the
 * JWT must verify (signature, algorithm, expiry, issuer, audience), and its user must still exist
 * in the token's organisation and be enabled. The role is read from the database, so a changed
 * role applies at once rather than when the token expires.
 * @example
 * const caller = await new TokenValidation(tokens, users).validate(event.authorizationToken);
 */
export class TokenValidation {
  readonly #tokens: AccessTokens;
  readonly #users: UserStore;

  constructor(tokens: AccessTokens, users: UserStore) {
    this.#tokens = tokens;
    this.#users = users;
  }

  /** The caller, or {@link InvalidAccessTokenError} saying why not. */
  async validate(authorization: string, now: Date = new Date()): Promise<Caller> {
    const match = BEARER.exec(authorization.trim());
    if (!match) throw new InvalidAccessTokenError('not a Bearer JWT');
    const claimed = await this.#tokens.verify(match[1] as string, now);
    const user = await this.#users.find(claimed.orgId, claimed.userId);
    if (!user) throw new InvalidAccessTokenError('unknown user');
    if (user.disabled) throw new InvalidAccessTokenError('user disabled');
    return { userId: user.id, orgId: user.orgId, role: user.role };
  }
}
