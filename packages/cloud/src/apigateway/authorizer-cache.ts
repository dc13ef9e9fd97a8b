import type { PolicyStatement } from './policy.js';

/** What an authorizer answered, kept so later requests with the same identity need no invoke. */
export interface AuthorizerResult {
  readonly principalId: string;
  readonly statements: readonly PolicyStatement[];
  /** Context values as the integration sees them (strings). */
  readonly context: Readonly<Record<string, string>>;
}

interface Entry {
  readonly result: AuthorizerResult;
  readonly expiresAtMs: number;
}

/**
 * API Gateway's authorizer result cache: one entry per API, authorizer and identity source
 * value, kept for the authorizer's TTL. The cached policy is evaluated against each request's own
 * method ARN, so a policy that allows only `GET /items` still denies `POST /items` from the cache.
 */
export class AuthorizerCache {
  readonly #entries = new Map<string, Entry>();

  get(key: string, nowMs: number): AuthorizerResult | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.result;
  }

  set(key: string, result: AuthorizerResult, ttlSeconds: number, nowMs: number): void {
    if (ttlSeconds <= 0) return;
    this.#entries.set(key, { result, expiresAtMs: nowMs + ttlSeconds * 1000 });
  }

  /** Drops every entry of an API (its definition changed or it was deleted). */
  forgetApi(apiId: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(`${apiId}\n`)) this.#entries.delete(key);
  }
}
