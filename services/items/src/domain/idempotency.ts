import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ClientCreateItem } from './create-item-request.js';
import { IdempotencyConflictError } from './errors.js';
import type { Item } from './item.js';

/**
 * The `Idempotency-Key` header: required on create, 1–255 visible ASCII characters (a UUID is
 * typical). Keys are scoped to the client system, so two clients cannot collide.
 */
export const idempotencyKeySchema = z
  .string('is required: send an Idempotency-Key header so a retried request cannot create two items')
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters without spaces');

/**
 * A digest of a validated create request, independent of key order and of how dates were written,
 * so "the same body" means the same item rather than the same bytes.
 * @example
 * const fingerprint = requestFingerprint(input); // 64 hex characters
 */
export function requestFingerprint(input: ClientCreateItem): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/** JSON with object keys sorted at every depth and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the store found under the client's key: the item created with it and its request's fingerprint. */
export interface KeyedItem {
  readonly item: Item;
  readonly fingerprint: string;
}

/** Create a new item, or answer with the one the key already made. */
export type CreateDecision = { readonly kind: 'create' } | { readonly kind: 'replay'; readonly item: Item };

/**
 * Decides a create from what the store found under (client, key). A retry of the same request gets
 * the same item back, in its current state (it may have moved on since); the same key with a
 * different body is refused. Keys do not expire, so a late retry can never create a second item.
 * @throws IdempotencyConflictError (`IDEMPOTENCY_KEY_REUSED`) when the bodies differ.
 * @example
 * const decision = decideCreate(await store.findByKey(clientId, key), requestFingerprint(input), key);
 */
export function decideCreate(
  found: KeyedItem | undefined,
  fingerprint: string,
  idempotencyKey: string,
): CreateDecision {
  if (found === undefined) return { kind: 'create' };
  if (found.fingerprint !== fingerprint) throw new IdempotencyConflictError(idempotencyKey);
  return { kind: 'replay', item: found.item };
}
