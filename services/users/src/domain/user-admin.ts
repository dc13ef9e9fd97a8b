import { type Caller, requireRole } from './caller.js';
import { USERS_ERROR, UsersError } from './errors.js';
import { hashPassword } from './password-hasher.js';
import type { RefreshTokenStore, UserStore } from './ports.js';
import type { CreateUserRequest, ListUsersQuery } from './requests.js';
import { type UserView, userView } from './user.js';

/** A page of users and where the next one starts. */
export interface UserPage {
  readonly users: readonly UserView[];
  /** Pass as `after` for the next page; absent on the last one. */
  readonly nextAfter?: string;
}

const notFound = (userId: string) => new UsersError(USERS_ERROR.userNotFound, `No user ${userId}`);

/**
 * User management within the caller's organisation. Only admins manage users; a user of another
 * organisation is "not found", exactly like one that does not exist.
 * @example
 * const created = await admin.create(caller, { email, name, role: 'driver', password });
 */
export class UserAdmin {
  readonly #users: UserStore;
  readonly #refreshTokens: RefreshTokenStore;
  readonly #clock: () => Date;

  constructor(users: UserStore, refreshTokens: RefreshTokenStore, clock: () => Date = () => new Date()) {
    this.#users = users;
    this.#refreshTokens = refreshTokens;
    this.#clock = clock;
  }

  /** The caller's own profile (any role). */
  async me(caller: Caller): Promise<UserView> {
    const user = await this.#users.find(caller.orgId, caller.userId);
    if (!user) throw notFound(caller.userId);
    return userView(user);
  }

  async create(caller: Caller, request: CreateUserRequest): Promise<UserView> {
    requireRole(caller, 'admin');
    const { password, ...rest } = request;
    const user = await this.#users.create(caller.orgId, {
      ...rest,
      passwordHash: await hashPassword(password),
    });
    return userView(user);
  }

  async list(caller: Caller, query: ListUsersQuery): Promise<UserPage> {
    requireRole(caller, 'admin');
    const users = await this.#users.list(caller.orgId, {
      limit: query.limit + 1,
      ...(query.after ? { after: query.after } : {}),
    });
    const page = users.slice(0, query.limit);
    const last = page.at(-1);
    return {
      users: page.map(userView),
      ...(users.length > query.limit && last ? { nextAfter: last.email } : {}),
    };
  }

  async get(caller: Caller, userId: string): Promise<UserView> {
    requireRole(caller, 'admin');
    const user = await this.#users.find(caller.orgId, userId);
    if (!user) throw notFound(userId);
    return userView(user);
  }

  /** Disables a user and revokes their refresh tokens; their access tokens stop at the authorizer. */
  async disable(caller: Caller, userId: string): Promise<UserView> {
    requireRole(caller, 'admin');
    if (userId === caller.userId)
      throw new UsersError(USERS_ERROR.cannotDisableSelf, 'Admins cannot disable themselves');
    const now = this.#clock();
    const user = await this.#users.setDisabled(caller.orgId, userId, true, now);
    if (!user) throw notFound(userId);
    await this.#refreshTokens.revokeAllOf(caller.orgId, userId, now);
    return userView(user);
  }

  async enable(caller: Caller, userId: string): Promise<UserView> {
    requireRole(caller, 'admin');
    const user = await this.#users.setDisabled(caller.orgId, userId, false, this.#clock());
    if (!user) throw notFound(userId);
    return userView(user);
  }
}
