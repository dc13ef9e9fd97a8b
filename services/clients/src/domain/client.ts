import { keyLabel } from './api-key.js';

/** An API key as stored (without its secret hash). */
export interface ApiKeyRecord {
  readonly id: string;
  readonly clientId: string;
  readonly lookupId: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** A client system and its keys. */
export interface ClientSystem {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly keys: readonly ApiKeyRecord[];
}

/** A key as the API shows it. */
export interface ApiKeyView {
  readonly id: string;
  readonly label: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A client system as the API shows it. */
export interface ClientView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly keys: readonly ApiKeyView[];
}

/**
 * The API's view of a key.
 * @example
 * keyView(record);
 */
export function keyView(key: ApiKeyRecord): ApiKeyView {
  return {
    id: key.id,
    label: keyLabel(key.lookupId),
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/**
 * The API's view of a client system.
 * @example
 * clientView(client);
 */
export function clientView(client: ClientSystem): ClientView {
  return {
    id: client.id,
    name: client.name,
    createdAt: client.createdAt.toISOString(),
    keys: client.keys.map(keyView),
  };
}
