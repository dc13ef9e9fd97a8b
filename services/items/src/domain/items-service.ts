import type { ItemActor } from './actor.js';
import { parseClientCreateItem } from './create-item-request.js';
import { ITEMS_ERROR, ItemsError } from './errors.js';
import { decideCreate, requestFingerprint } from './idempotency.js';
import { type Item, newItem } from './item.js';
import { itemCreated, itemStatusChanged } from './item-events.js';
import { type ItemChange, transitionItem } from './item-lifecycle.js';
import type { ItemStatus } from './item-status.js';
import { type TimelineEntry, timelineEntry } from './item-view.js';
import type { ItemScope, ItemStore, OutboxEvent } from './ports.js';

/** What the service needs besides its store: the clock and ids. */
export interface ItemsServiceDependencies {
  readonly now: () => Date;
  readonly newId: () => string;
}

/** The outcome of a create: the item, whether this call created it, and the events to post now. */
export interface CreateOutcome {
  readonly item: Item;
  readonly created: boolean;
  readonly events: readonly OutboxEvent[];
}

/** The outcome of a status change: the item as it is now, and the events to post now. */
export interface ChangeOutcome {
  readonly outcome: 'changed' | 'unchanged' | 'stale';
  readonly item: Item;
  readonly events: readonly OutboxEvent[];
}

const LIST_LIMIT = 500;

/**
 * The items service's use cases over its store. Every write stores its events in the same
 * transaction (the outbox); the caller posts the returned events and a schedule retries any that
 * were not.
 * @example
 * const service = new ItemsService(new PgItemStore(db), { now: () => new Date(), newId: randomUUID });
 */
export class ItemsService {
  readonly #store: ItemStore;
  readonly #deps: ItemsServiceDependencies;

  constructor(store: ItemStore, deps: ItemsServiceDependencies) {
    this.#store = store;
    this.#deps = deps;
  }

  /**
   * Creates a client's item once per Idempotency-Key: a retry of the same request answers the item
   * as it is now; another request under the same key is refused. Concurrent retries race on the
   * store's unique key, and the losers answer the winner's item.
   * @throws InvalidItemError, ItemsError `WINDOW_CLOSED`, IdempotencyConflictError.
   * @example
   * const { item, created } = await service.create(actor, key, JSON.parse(body));
   */
  async create(
    actor: ItemActor & { kind: 'client' },
    idempotencyKey: string,
    body: unknown,
  ): Promise<CreateOutcome> {
    const input = parseClientCreateItem(body);
    const fingerprint = requestFingerprint(input);
    const replay = async (): Promise<CreateOutcome | undefined> => {
      const found = await this.#store.findByKey(actor.orgId, actor.clientId, idempotencyKey);
      const decision = decideCreate(found, fingerprint, idempotencyKey);
      return decision.kind === 'replay' ? { item: decision.item, created: false, events: [] } : undefined;
    };
    const earlier = await replay();
    if (earlier) return earlier;
    const item = newItem(input, {
      id: this.#deps.newId(),
      orgId: actor.orgId,
      clientId: actor.clientId,
      now: this.#deps.now(),
    });
    const entry = timelineEntry(null, item, actor);
    const events = await this.#store.insertOnce({
      item,
      entry,
      events: [itemCreated(item)],
      idempotencyKey,
      fingerprint,
    });
    if (events) return { item, created: true, events };
    // Another request with the same key committed first: answer as a retry of it.
    const winner = await replay();
    if (!winner) throw new Error(`Idempotency-Key ${idempotencyKey} conflicted but no item holds it`);
    return winner;
  }

  /**
   * One item in the caller's scope.
   * @throws ItemsError `ITEM_NOT_FOUND` when absent or outside the scope, alike.
   * @example
   * const item = await service.get({ orgId, clientId }, itemId);
   */
  async get(scope: ItemScope, itemId: string): Promise<Item> {
    const item = await this.#store.find(scope, itemId);
    if (!item) throw notFound(itemId);
    return item;
  }

  /**
   * The items in the caller's scope, newest first (at most 500), optionally of some statuses.
   * @example
   * const items = await service.list({ orgId, driverId }, ['allocated', 'picked_up']);
   */
  list(scope: ItemScope, statuses?: readonly ItemStatus[]): Promise<Item[]> {
    return this.#store.list(scope, { ...(statuses ? { statuses } : {}), limit: LIST_LIMIT });
  }

  /**
   * One item of the organisation with its timeline, oldest change first.
   * @example
   * const { item, timeline } = await service.withTimeline(orgId, itemId);
   */
  async withTimeline(orgId: string, itemId: string): Promise<{ item: Item; timeline: TimelineEntry[] }> {
    const item = await this.get({ orgId }, itemId);
    return { item, timeline: await this.#store.timeline(orgId, itemId) };
  }

  /**
   * A client's or a driver's status change (cancel, pickup, deliver). Repeating a change already
   * made answers the item unchanged.
   * @throws ItemsError `ITEM_NOT_FOUND` (absent or not theirs), TransitionError.
   * @example
   * const { item } = await service.move(driver, itemId, { to: 'picked_up' });
   */
  async move(actor: ItemActor & { kind: 'client' | 'driver' }, itemId: string, change: ItemChange) {
    try {
      const result = await this.#change(actor.orgId, itemId, change, actor);
      if (!result) throw notFound(itemId);
      return result;
    } catch (error) {
      // Someone else's item is reported exactly like a missing one.
      if (error instanceof ItemsError && error.code === ITEMS_ERROR.notYourItem) throw notFound(itemId);
      throw error;
    }
  }

  /**
   * A status change an allocation event asks for. Repeated and overtaken events change nothing
   * (`unchanged`, `stale`); an unknown item is undefined (the event is not for this service's data).
   * @example
   * await service.applyAllocation(orgId, itemId, { to: 'allocated', assignment: { vehicleId, driverId } });
   */
  applyAllocation(orgId: string, itemId: string, change: ItemChange): Promise<ChangeOutcome | undefined> {
    return this.#change(orgId, itemId, change, { kind: 'allocation' });
  }

  async #change(
    orgId: string,
    itemId: string,
    change: ItemChange,
    actor: ItemActor,
  ): Promise<ChangeOutcome | undefined> {
    const changed = await this.#store.change<Omit<ChangeOutcome, 'events'>>(orgId, itemId, (item) => {
      const transition = transitionItem(item, change, actor, this.#deps.now());
      if (transition.outcome !== 'changed') return { result: transition };
      return {
        write: {
          item: transition.item,
          entry: timelineEntry(item, transition.item, actor),
          events: [itemStatusChanged(item, transition.item)],
        },
        result: transition,
      };
    });
    if (!changed) return undefined;
    return { outcome: changed.result.outcome, item: changed.result.item, events: changed.events };
  }
}

function notFound(itemId: string): ItemsError {
  return new ItemsError(ITEMS_ERROR.itemNotFound, `No item ${itemId}`);
}
