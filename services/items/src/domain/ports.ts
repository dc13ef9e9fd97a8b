import type { KeyedItem } from './idempotency.js';
import type { Item } from './item.js';
import type { PendingEvent } from './item-events.js';
import type { ItemStatus } from './item-status.js';
import type { TimelineEntry } from './item-view.js';

/**
 * An event stored in the outbox: the envelope as it will be posted, whose `id` is the bus's
 * publish key (so posting it twice logs it once).
 */
export interface OutboxEvent {
  readonly id: string;
  readonly type: string;
  readonly envelope: unknown;
}

/** Whose items a read may see: the organisation's, narrowed to a client system or a driver. */
export interface ItemScope {
  readonly orgId: string;
  readonly clientId?: string;
  readonly driverId?: string;
}

/** What a status change writes, decided while the item is locked. */
export interface ItemWrite {
  readonly item: Item;
  readonly entry: TimelineEntry;
  readonly events: readonly PendingEvent[];
}

/** What the domain needs of the items tables; every statement names the organisation. */
export interface ItemStore {
  /** The item a client created with this Idempotency-Key, with its request's fingerprint. */
  findByKey(orgId: string, clientId: string, idempotencyKey: string): Promise<KeyedItem | undefined>;
  /**
   * Stores a new item with its first timeline entry and its events (in the outbox), in one
   * transaction, and answers the stored events; unless the client already used the key (then
   * nothing is written and the answer is undefined).
   */
  insertOnce(
    write: ItemWrite & { readonly idempotencyKey: string; readonly fingerprint: string },
  ): Promise<readonly OutboxEvent[] | undefined>;
  find(scope: ItemScope, itemId: string): Promise<Item | undefined>;
  /** Newest first, at most `limit`. */
  list(
    scope: ItemScope,
    filter: { readonly statuses?: readonly ItemStatus[]; readonly limit: number },
  ): Promise<Item[]>;
  /**
   * Locks the organisation's item, lets `decide` say what to write (`write` undefined: nothing),
   * and writes it with its timeline entry and events (in the outbox) in the same transaction;
   * answers `decide`'s `result` with the stored events, or undefined when there is no such item.
   * A throw in `decide` writes nothing.
   */
  change<T>(
    orgId: string,
    itemId: string,
    decide: (item: Item) => { readonly write?: ItemWrite; readonly result: T },
  ): Promise<{ readonly result: T; readonly events: readonly OutboxEvent[] } | undefined>;
  timeline(orgId: string, itemId: string): Promise<TimelineEntry[]>;
}
