import { ApiError, apiErrorOf } from '../api/api-error.js';

/** The signed-in user, as the users service returns it. */
export interface SessionUser {
  readonly id: string;
  readonly orgId: string;
  readonly email: string;
  readonly name: string;
  readonly role: 'admin' | 'dispatcher' | 'driver';
}

/** What is kept in sessionStorage: gone when the tab closes, never shared with other tabs. */
export interface StoredSession {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch ms at which the access token expires. */
  readonly expiresAt: number;
  readonly organisation: string;
  readonly user: SessionUser;
}

interface TokenAnswer {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly user: SessionUser;
}

const STORAGE_KEY = 'motorcade.session';
/** Refresh this long before the access token expires, so a request never carries an expired one. */
const REFRESH_AHEAD_MS = 60_000;
/** Never refresh more often than this, even with a very short-lived token. */
const MIN_REFRESH_DELAY_MS = 5_000;

/**
 * The user's session: logs in, keeps the tokens in sessionStorage, refreshes the access token a
 * minute before it expires (the refresh token rotates each time) and logs out.
 * @example
 * const session = new Session();
 * session.onChange(() => render());
 * await session.login({ organisation: 'demo', email: 'admin@demo.example', password });
 */
export class Session {
  #current: StoredSession | undefined;
  #timer: number | undefined;
  #refreshing: Promise<boolean> | undefined;
  readonly #listeners = new Set<(session: StoredSession | undefined) => void>();

  constructor() {
    this.#current = readStored();
    if (this.#current) this.#schedule();
  }

  get current(): StoredSession | undefined {
    return this.#current;
  }

  /** The access token, refreshed first when it is about to expire. */
  async accessToken(): Promise<string | undefined> {
    const current = this.#current;
    if (current && current.expiresAt - Date.now() < MIN_REFRESH_DELAY_MS) await this.refresh();
    return this.#current?.accessToken;
  }

  onChange(listener: (session: StoredSession | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** `POST /users/login`; throws the service's ApiError (`INVALID_CREDENTIALS`, `TOO_MANY_ATTEMPTS`…). */
  async login(credentials: { organisation: string; email: string; password: string }): Promise<void> {
    const answer = await postJson<TokenAnswer>('/users/login', credentials);
    this.#set(toStored(answer, credentials.organisation));
  }

  /**
   * `POST /users/refresh` with the refresh token (which rotates). Concurrent callers share one
   * request: presenting the same refresh token twice would revoke the whole login.
   * Resolves false (and signs out) when the refresh token is no longer valid.
   */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** `POST /users/logout` (best effort), then forgets the tokens. */
  async logout(): Promise<void> {
    const current = this.#current;
    this.#set(undefined);
    if (!current) return;
    try {
      await fetch('/users/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${current.accessToken}` },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
    } catch {
      // Offline: the access token expires by itself within minutes.
    }
  }

  async #refresh(): Promise<boolean> {
    const current = this.#current;
    if (!current) return false;
    try {
      const answer = await postJson<TokenAnswer>('/users/refresh', { refreshToken: current.refreshToken });
      this.#set(toStored(answer, current.organisation));
      return true;
    } catch (error) {
      // A refused refresh token means the login is over; a network failure is retried later.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        this.#set(undefined);
        return false;
      }
      this.#schedule(MIN_REFRESH_DELAY_MS * 2);
      return true;
    }
  }

  #set(next: StoredSession | undefined): void {
    this.#current = next;
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
    this.#schedule();
    for (const listener of this.#listeners) listener(next);
  }

  #schedule(delayMs?: number): void {
    window.clearTimeout(this.#timer);
    this.#timer = undefined;
    const current = this.#current;
    if (!current) return;
    const delay =
      delayMs ?? Math.max(MIN_REFRESH_DELAY_MS, current.expiresAt - REFRESH_AHEAD_MS - Date.now());
    this.#timer = window.setTimeout(() => void this.refresh(), delay);
  }
}

function toStored(answer: TokenAnswer, organisation: string): StoredSession {
  return {
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken,
    expiresAt: Date.now() + answer.expiresIn * 1000,
    organisation,
    user: answer.user,
  };
}

function readStored(): StoredSession | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    return stored && typeof stored.refreshToken === 'string' ? stored : undefined;
  } catch {
    return undefined;
  }
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await apiErrorOf(response);
  return (await response.json()) as T;
}
