import { newApiKey } from './api-key.js';
import type { ClientStore } from './ports.js';
import type { SeedDemoInput } from './requests.js';

/** What seeding did; `key` only when this call created the client (it is shown once). */
export interface SeedDemoResult {
  readonly created: boolean;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly key?: string;
}

/**
 * Creates, once, a demo client system with one key in the given organisation. Calling it again
 * changes nothing and returns no key: keep the first answer.
 * @example
 * const { key } = await seedDemo(store, { orgId, name: 'Demo dispatch system', scopes: ['items:write'] });
 */
export async function seedDemo(store: ClientStore, input: SeedDemoInput): Promise<SeedDemoResult> {
  const existing = await store.findClientByName(input.orgId, input.name);
  if (existing) {
    const scopes = existing.keys.find((key) => key.revokedAt === null)?.scopes ?? [];
    return { created: false, clientId: existing.id, scopes };
  }
  const client = await store.createClient(input.orgId, input.name, null);
  const fresh = newApiKey();
  const scopes = [...new Set(input.scopes)].sort();
  await store.createKey(input.orgId, client.id, {
    lookupId: fresh.lookupId,
    secretHash: fresh.secretHash,
    scopes,
    createdBy: null,
  });
  return { created: true, clientId: client.id, scopes, key: fresh.key };
}
