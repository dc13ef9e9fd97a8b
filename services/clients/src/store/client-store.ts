import type { ApiKeyRecord, ClientSystem } from '../domain/client.js';
import { CLIENTS_ERROR, ClientsError } from '../domain/errors.js';
import type { ClientStore, KeyCredentials } from '../domain/ports.js';
import { isUniqueViolation, type Queryable } from './database.js';

interface ClientRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly created_at: Date;
}

interface KeyRow {
  readonly id: string;
  readonly client_id: string;
  readonly lookup_id: string;
  readonly scopes: string[];
  readonly created_at: Date;
  readonly last_used_at: Date | null;
  readonly revoked_at: Date | null;
}

const KEY_COLUMNS = 'k.id, k.client_id, k.lookup_id, k.scopes, k.created_at, k.last_used_at, k.revoked_at';

const toKey = (row: KeyRow): ApiKeyRecord => ({
  id: row.id,
  clientId: row.client_id,
  lookupId: row.lookup_id,
  scopes: row.scopes,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/**
 * `clients.clients` and `clients.api_keys` in PostgreSQL. Every admin statement names the
 * organisation; the authorizer's lookup goes by the key's random lookup id.
 */
export class PgClientStore implements ClientStore {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async createClient(orgId: string, name: string, createdBy: string | null): Promise<ClientSystem> {
    try {
      const { rows } = await this.#db.query<ClientRow>(
        `INSERT INTO clients.clients (org_id, name, created_by) VALUES ($1, $2, $3)
         RETURNING id, org_id, name, created_at`,
        [orgId, name, createdBy],
      );
      return { ...this.#client(rows[0] as ClientRow), keys: [] };
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ClientsError(
          CLIENTS_ERROR.clientNameTaken,
          `A client system named ${name} already exists`,
          {
            cause: error,
          },
        );
      throw error;
    }
  }

  async listClients(orgId: string): Promise<ClientSystem[]> {
    const { rows } = await this.#db.query<ClientRow>(
      'SELECT id, org_id, name, created_at FROM clients.clients WHERE org_id = $1 ORDER BY name',
      [orgId],
    );
    return this.#withKeys(orgId, rows);
  }

  async findClient(orgId: string, clientId: string): Promise<ClientSystem | undefined> {
    const { rows } = await this.#db.query<ClientRow>(
      'SELECT id, org_id, name, created_at FROM clients.clients WHERE org_id = $1 AND id = $2',
      [orgId, clientId],
    );
    return (await this.#withKeys(orgId, rows))[0];
  }

  async findClientByName(orgId: string, name: string): Promise<ClientSystem | undefined> {
    const { rows } = await this.#db.query<ClientRow>(
      'SELECT id, org_id, name, created_at FROM clients.clients WHERE org_id = $1 AND name = $2',
      [orgId, name],
    );
    return (await this.#withKeys(orgId, rows))[0];
  }

  async createKey(
    orgId: string,
    clientId: string,
    key: { lookupId: string; secretHash: string; scopes: readonly string[]; createdBy: string | null },
  ): Promise<ApiKeyRecord | undefined> {
    // Inserting from the client row makes "the client is this organisation's" part of the write.
    const { rows } = await this.#db.query<KeyRow>(
      `INSERT INTO clients.api_keys AS k (client_id, org_id, lookup_id, secret_hash, scopes, created_by)
       SELECT c.id, c.org_id, $3, $4, $5, $6 FROM clients.clients c WHERE c.org_id = $1 AND c.id = $2
       RETURNING ${KEY_COLUMNS}`,
      [orgId, clientId, key.lookupId, key.secretHash, [...key.scopes], key.createdBy],
    );
    return rows[0] ? toKey(rows[0]) : undefined;
  }

  async revokeKey(orgId: string, clientId: string, keyId: string, now: Date): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `UPDATE clients.api_keys SET revoked_at = coalesce(revoked_at, $4)
        WHERE org_id = $1 AND client_id = $2 AND id = $3`,
      [orgId, clientId, keyId, now],
    );
    return (rowCount ?? 0) > 0;
  }

  async keyForAuthentication(lookupId: string): Promise<KeyCredentials | undefined> {
    const { rows } = await this.#db.query<{
      id: string;
      client_id: string;
      org_id: string;
      secret_hash: string;
      scopes: string[];
      revoked_at: Date | null;
    }>(
      'SELECT id, client_id, org_id, secret_hash, scopes, revoked_at FROM clients.api_keys WHERE lookup_id = $1',
      [lookupId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      keyId: row.id,
      clientId: row.client_id,
      orgId: row.org_id,
      secretHash: row.secret_hash,
      scopes: row.scopes,
      revoked: row.revoked_at !== null,
    };
  }

  async touchKey(keyId: string, now: Date): Promise<void> {
    await this.#db.query(
      `UPDATE clients.api_keys SET last_used_at = $2
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [keyId, now],
    );
  }

  #client(row: ClientRow): Omit<ClientSystem, 'keys'> {
    return { id: row.id, orgId: row.org_id, name: row.name, createdAt: row.created_at };
  }

  async #withKeys(orgId: string, rows: readonly ClientRow[]): Promise<ClientSystem[]> {
    if (rows.length === 0) return [];
    const { rows: keys } = await this.#db.query<KeyRow>(
      `SELECT ${KEY_COLUMNS} FROM clients.api_keys k
        WHERE k.org_id = $1 AND k.client_id = ANY($2) ORDER BY k.created_at`,
      [orgId, rows.map((row) => row.id)],
    );
    return rows.map((row) => ({
      ...this.#client(row),
      keys: keys.filter((key) => key.client_id === row.id).map(toKey),
    }));
  }
}
