import { randomUUID } from 'node:crypto';
import type { AccessTokens } from './access-tokens.js';
import { TooManyAttemptsError, USERS_ERROR, UsersError } from './errors.js';
import {
  afterStrike,
  assessAttempt,
  LOGIN_THROTTLE,
  strictest,
  type ThrottleRule,
  type ThrottleState,
  throttleKey,
} from './login-throttle.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password-hasher.js';
import type { RefreshTokenStore, ThrottleStore, UserStore } from './ports.js';
import { hashRefreshToken, newRefreshToken, refreshTokenExpiry } from './refresh-tokens.js';
import type { LoginRequest } from './requests.js';
import { type User, type UserView, userView } from './user.js';

/** What a login or a refresh gives the client. */
export interface Session {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds the access token lives. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly user: UserView;
}

/** The dependencies of {@link Sessions}. */
export interface SessionsDependencies {
  readonly users: UserStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly throttle: ThrottleStore;
  readonly accessTokens: AccessTokens;
  readonly clock?: () => Date;
}

const invalidCredentials = () =>
  new UsersError(USERS_ERROR.invalidCredentials, 'The organisation, email or password is wrong');
const invalidRefreshToken = () =>
  new UsersError(USERS_ERROR.invalidRefreshToken, 'The refresh token is not valid: log in again');

/**
 * Login and refresh. A login answers the same way for an unknown organisation, an unknown
 * email and a wrong password, takes as long for each, and is throttled per account and per source
 * address whether or not the account exists. Refresh tokens rotate: each use returns a new one,
 * and presenting a used one again revokes every token of that login (it was stolen, or copied).
 * @example
 * const session = await sessions.login({ organisation: 'acme', email, password }, sourceIp);
 */
export class Sessions {
  readonly #deps: SessionsDependencies;

  constructor(deps: SessionsDependencies) {
    this.#deps = deps;
  }

  async login(request: LoginRequest, sourceIp: string): Promise<Session> {
    const { users, throttle } = this.#deps;
    const now = this.#now();
    const accountKey = throttleKey('account', request.organisation, request.email);
    const keys = [
      { key: accountKey, rule: LOGIN_THROTTLE.account },
      { key: throttleKey('source', sourceIp), rule: LOGIN_THROTTLE.source },
    ];
    const states = await throttle.read(keys.map(({ key }) => key));
    const verdict = strictest(keys.map(({ key, rule }) => assessAttempt(states.get(key), rule, now)));
    if (verdict.kind === 'locked') throw new TooManyAttemptsError(verdict.retryAfterSeconds);
    if (verdict.kind === 'slow-down') {
      // Not waiting counts against the keys, so the wait to announce is the one after this strike.
      const struck = await this.#strike(keys);
      const wait = strictest(keys.map(({ rule }, index) => assessAttempt(struck[index], rule, this.#now())));
      throw new TooManyAttemptsError(wait.kind === 'allow' ? 1 : wait.retryAfterSeconds);
    }
    const found = await users.findForLogin(request.organisation, request.email);
    const matches = await verifyPassword(request.password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !matches) {
      await this.#strike(keys);
      throw invalidCredentials();
    }
    // The source keeps its strikes: one valid account must not launder guesses at others.
    await throttle.clear(accountKey);
    const { user, passwordHash } = found;
    if (user.disabled) throw new UsersError(USERS_ERROR.accountDisabled, 'This account is disabled');
    if (needsRehash(passwordHash))
      await users.setPasswordHash(user.orgId, user.id, await hashPassword(request.password));
    return this.#open(user, randomUUID(), now);
  }

  async refresh(refreshToken: string): Promise<Session> {
    const { refreshTokens, users } = this.#deps;
    const now = this.#now();
    const hash = hashRefreshToken(refreshToken);
    const claimed = await refreshTokens.claim(hash, now);
    if (!claimed) {
      const known = await refreshTokens.find(hash);
      if (known) await refreshTokens.revokeFamily(known.familyId, now);
      throw invalidRefreshToken();
    }
    const user = await users.find(claimed.orgId, claimed.userId);
    if (!user || user.disabled) {
      await refreshTokens.revokeFamily(claimed.familyId, now);
      throw invalidRefreshToken();
    }
    return this.#open(user, claimed.familyId, now);
  }

  async #open(user: User, familyId: string, now: Date): Promise<Session> {
    const { refreshTokens, accessTokens } = this.#deps;
    const refresh = newRefreshToken();
    await refreshTokens.create({
      userId: user.id,
      orgId: user.orgId,
      familyId,
      hash: refresh.hash,
      expiresAt: refreshTokenExpiry(now),
    });
    const access = await accessTokens.issue({ userId: user.id, orgId: user.orgId, role: user.role }, now);
    return {
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshToken: refresh.token,
      user: userView(user),
    };
  }

  /** Records a strike on every key, dated when it is recorded (the wait starts from the answer). */
  async #strike(keys: readonly { key: string; rule: ThrottleRule }[]): Promise<ThrottleState[]> {
    const now = this.#now();
    return Promise.all(
      keys.map(({ key, rule }) =>
        this.#deps.throttle.strike(key, (current) => afterStrike(current, rule, now)),
      ),
    );
  }

  #now(): Date {
    return this.#deps.clock?.() ?? new Date();
  }
}
