import { newApiKey } from './api-key.js';
import { requireAdmin, type UserCaller } from './caller.js';
import { type ApiKeyView, type ClientView, clientView, keyView } from './client.js';
import { CLIENTS_ERROR, ClientsError } from './errors.js';
import type { ClientStore } from './ports.js';
import type { CreateClientRequest, CreateKeyRequest } from './requests.js';

/** A key just created: the only time its full value is shown. */
export interface CreatedApiKey extends ApiKeyView {
  readonly key: string;
}

const clientNotFound = (clientId: string) =>
  new ClientsError(CLIENTS_ERROR.clientNotFound, `No client ${clientId}`);

/**
 * Admins manage their organisation's client systems and keys. A client of another organisation is
 * "not found", exactly like one that does not exist.
 * @example
 * const key = await admin.createKey(caller, clientId, { scopes: ['items:write'] });
 */
export class ClientAdmin {
  readonly #store: ClientStore;
  readonly #clock: () => Date;

  constructor(store: ClientStore, clock: () => Date = () => new Date()) {
    this.#store = store;
    this.#clock = clock;
  }

  async createClient(caller: UserCaller, request: CreateClientRequest): Promise<ClientView> {
    requireAdmin(caller);
    return clientView(await this.#store.createClient(caller.orgId, request.name, caller.userId));
  }

  async listClients(caller: UserCaller): Promise<{ clients: ClientView[] }> {
    requireAdmin(caller);
    return { clients: (await this.#store.listClients(caller.orgId)).map(clientView) };
  }

  async getClient(caller: UserCaller, clientId: string): Promise<ClientView> {
    requireAdmin(caller);
    const client = await this.#store.findClient(caller.orgId, clientId);
    if (!client) throw clientNotFound(clientId);
    return clientView(client);
  }

  async createKey(caller: UserCaller, clientId: string, request: CreateKeyRequest): Promise<CreatedApiKey> {
    requireAdmin(caller);
    const fresh = newApiKey();
    const record = await this.#store.createKey(caller.orgId, clientId, {
      lookupId: fresh.lookupId,
      secretHash: fresh.secretHash,
      scopes: request.scopes,
      createdBy: caller.userId,
    });
    if (!record) throw clientNotFound(clientId);
    return { ...keyView(record), key: fresh.key };
  }

  /** Revokes a key at once (revoking it again is harmless). */
  async revokeKey(caller: UserCaller, clientId: string, keyId: string): Promise<void> {
    requireAdmin(caller);
    if (!(await this.#store.revokeKey(caller.orgId, clientId, keyId, this.#clock())))
      throw new ClientsError(CLIENTS_ERROR.keyNotFound, `No key ${keyId} of client ${clientId}`);
  }
}
