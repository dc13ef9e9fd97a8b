import type { ThrottleState } from './login-throttle.js';
import type { Organisation } from './organisation.js';
import type { Role } from './roles.js';
import type { User } from './user.js';

/** A user and the hash their password is checked against. */
export interface UserCredentials {
  readonly user: User;
  readonly passwordHash: string;
}

/** What the domain needs of the users table; every read and write names the organisation. */
export interface UserStore {
  findForLogin(organisationSlug: string, email: string): Promise<UserCredentials | undefined>;
  find(orgId: string, userId: string): Promise<User | undefined>;
  list(orgId: string, page: { readonly limit: number; readonly after?: string }): Promise<User[]>;
  /** @throws UsersError `EMAIL_TAKEN` when the organisation already has the email */
  create(
    orgId: string,
    user: { email: string; name: string; role: Role; passwordHash: string },
  ): Promise<User>;
  setDisabled(orgId: string, userId: string, disabled: boolean, now: Date): Promise<User | undefined>;
  setPasswordHash(orgId: string, userId: string, passwordHash: string): Promise<void>;
}

/** A refresh token as stored (by hash). */
export interface StoredRefreshToken {
  readonly userId: string;
  readonly orgId: string;
  readonly familyId: string;
}

/** What the domain needs of the refresh tokens table. */
export interface RefreshTokenStore {
  create(token: StoredRefreshToken & { hash: string; expiresAt: Date }): Promise<void>;
  /** Marks a live token used and returns it; undefined when it is unknown, used, revoked or expired. */
  claim(hash: string, now: Date): Promise<StoredRefreshToken | undefined>;
  /** The token of a hash in any state (to detect reuse of a used one). */
  find(hash: string): Promise<StoredRefreshToken | undefined>;
  revokeFamily(familyId: string, now: Date): Promise<void>;
  revokeAllOf(orgId: string, userId: string, now: Date): Promise<void>;
  /** Deletes tokens expired before `now` (used, revoked or not); returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

/** What the domain needs of the login throttle table. */
export interface ThrottleStore {
  read(keys: readonly string[]): Promise<ReadonlyMap<string, ThrottleState>>;
  /** Replaces a key's state by `next(current)`, atomically, and returns the new state. */
  strike(key: string, next: (current: ThrottleState | undefined) => ThrottleState): Promise<ThrottleState>;
  clear(key: string): Promise<void>;
  /** Deletes keys not struck since `cutoff` and not locked at `now`; returns how many. */
  forget(cutoff: Date, now: Date): Promise<number>;
}

/** What the domain needs of the organisations table. */
export interface OrganisationStore {
  findBySlug(slug: string): Promise<Organisation | undefined>;
  /**
   * Creates an organisation with its first users in one transaction; when the slug is taken
   * (someone seeded it first) nothing is written and `created` is false.
   */
  createWithUsers(
    organisation: { slug: string; name: string },
    users: readonly { email: string; name: string; role: Role; passwordHash: string }[],
  ): Promise<{ created: boolean; organisation: Organisation }>;
  /** Users of the organisation with these emails. */
  usersByEmail(orgId: string, emails: readonly string[]): Promise<User[]>;
}
