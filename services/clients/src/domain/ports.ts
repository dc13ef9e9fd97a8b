import type { ApiKeyRecord, ClientSystem } from './client.js';

/** A key as the authorizer needs it. */
export interface KeyCredentials {
  readonly keyId: string;
  readonly clientId: string;
  readonly orgId: string;
  readonly secretHash: string;
  readonly scopes: readonly string[];
  readonly revoked: boolean;
}

/** What the domain needs of the clients tables; every admin read and write names the organisation. */
export interface ClientStore {
  /** @throws ClientsError `CLIENT_NAME_TAKEN` when the organisation has a client of that name */
  createClient(orgId: string, name: string, createdBy: string | null): Promise<ClientSystem>;
  listClients(orgId: string): Promise<ClientSystem[]>;
  findClient(orgId: string, clientId: string): Promise<ClientSystem | undefined>;
  findClientByName(orgId: string, name: string): Promise<ClientSystem | undefined>;
  /** Undefined when the client is not the organisation's. */
  createKey(
    orgId: string,
    clientId: string,
    key: { lookupId: string; secretHash: string; scopes: readonly string[]; createdBy: string | null },
  ): Promise<ApiKeyRecord | undefined>;
  /** Whether the organisation has that key of that client (revoked now, or already). */
  revokeKey(orgId: string, clientId: string, keyId: string, now: Date): Promise<boolean>;
  keyForAuthentication(lookupId: string): Promise<KeyCredentials | undefined>;
  /** Records a use; at most one write a minute per key, so busy keys do not turn reads into writes. */
  touchKey(keyId: string, now: Date): Promise<void>;
}
