import type { KeyedItem } from '../domain/idempotency.js';
import type { Item } from '../domain/item.js';
import type { ItemStatus } from '../domain/item-status.js';
import type { TimelineEntry } from '../domain/item-view.js';
import type { ItemScope, ItemStore, ItemWrite, OutboxEvent } from '../domain/ports.js';
import { type Database, isUuid, type Queryable } from './database.js';
import { ITEM_COLUMNS, type ItemRow, type TimelineRow, toItem, toTimelineEntry } from './item-rows.js';
import { itemsOutbox } from './outbox.js';

/**
 * `items.items`, `items.item_timeline` and (through the library's outbox) `items.outbox` in PostgreSQL. Every statement names the
 * organisation; client and driver reads name the client or driver too.
 */
export class PgItemStore implements ItemStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async findByKey(orgId: string, clientId: string, idempotencyKey: string): Promise<KeyedItem | undefined> {
    const { rows } = await this.#db.query<ItemRow & { request_fingerprint: string }>(
      `SELECT ${ITEM_COLUMNS}, request_fingerprint FROM items.items
        WHERE org_id = $1 AND client_id = $2 AND idempotency_key = $3`,
      [orgId, clientId, idempotencyKey],
    );
    const row = rows[0];
    return row ? { item: toItem(row), fingerprint: row.request_fingerprint } : undefined;
  }

  insertOnce(
    write: ItemWrite & { readonly idempotencyKey: string; readonly fingerprint: string },
  ): Promise<readonly OutboxEvent[] | undefined> {
    const { item } = write;
    return this.#db.transaction(async (tx) => {
      // The unique key, not a prior check, decides between concurrent retries: a second insert waits
      // for the first to commit and then does nothing.
      const inserted = await tx.query(
        `INSERT INTO items.items (id, org_id, client_id, idempotency_key, request_fingerprint, reference,
           pickup, dropoff, window_from, window_to, weight_kg, volume_litres, status, vehicle_id, driver_id,
           status_reason, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT ON CONSTRAINT items_idempotency_key DO NOTHING`,
        [
          item.id,
          item.orgId,
          item.clientId,
          write.idempotencyKey,
          write.fingerprint,
          item.reference,
          JSON.stringify(item.pickup),
          JSON.stringify(item.dropoff),
          item.window.from,
          item.window.to,
          item.size.weightKg,
          item.size.volumeLitres ?? null,
          item.status,
          item.assignment?.vehicleId ?? null,
          item.assignment?.driverId ?? null,
          item.statusReason,
          item.createdAt,
          item.updatedAt,
        ],
      );
      if (inserted.rowCount !== 1) return undefined;
      await addTimelineEntry(tx, item, write.entry);
      return stageEvents(tx, item.orgId, write);
    });
  }

  async find(scope: ItemScope, itemId: string): Promise<Item | undefined> {
    if (!isUuid(itemId)) return undefined;
    const { rows } = await this.#db.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM items.items
        WHERE org_id = $1 AND id = $2
          AND ($3::uuid IS NULL OR client_id = $3) AND ($4::text IS NULL OR driver_id = $4)`,
      [scope.orgId, itemId, scope.clientId ?? null, scope.driverId ?? null],
    );
    return rows[0] ? toItem(rows[0]) : undefined;
  }

  async list(
    scope: ItemScope,
    filter: { readonly statuses?: readonly ItemStatus[]; readonly limit: number },
  ): Promise<Item[]> {
    const { rows } = await this.#db.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM items.items
        WHERE org_id = $1 AND ($2::uuid IS NULL OR client_id = $2) AND ($3::text IS NULL OR driver_id = $3)
          AND ($4::text[] IS NULL OR status = ANY ($4))
        ORDER BY created_at DESC, id LIMIT $5`,
      [scope.orgId, scope.clientId ?? null, scope.driverId ?? null, filter.statuses ?? null, filter.limit],
    );
    return rows.map(toItem);
  }

  change<T>(
    orgId: string,
    itemId: string,
    decide: (item: Item) => { readonly write?: ItemWrite; readonly result: T },
  ): Promise<{ readonly result: T; readonly events: readonly OutboxEvent[] } | undefined> {
    if (!isUuid(orgId) || !isUuid(itemId)) return Promise.resolve(undefined);
    return this.#db.transaction(async (tx) => {
      // The row lock serialises a driver, the client and allocation's events on one item.
      const { rows } = await tx.query<ItemRow>(
        `SELECT ${ITEM_COLUMNS} FROM items.items WHERE org_id = $1 AND id = $2 FOR UPDATE`,
        [orgId, itemId],
      );
      if (!rows[0]) return undefined;
      const { write, result } = decide(toItem(rows[0]));
      if (!write) return { result, events: [] };
      const { item } = write;
      await tx.query(
        `UPDATE items.items SET status = $3, vehicle_id = $4, driver_id = $5, status_reason = $6, updated_at = $7
          WHERE org_id = $1 AND id = $2`,
        [
          orgId,
          itemId,
          item.status,
          item.assignment?.vehicleId ?? null,
          item.assignment?.driverId ?? null,
          item.statusReason,
          item.updatedAt,
        ],
      );
      await addTimelineEntry(tx, item, write.entry);
      return { result, events: await stageEvents(tx, orgId, write) };
    });
  }

  async timeline(orgId: string, itemId: string): Promise<TimelineEntry[]> {
    if (!isUuid(itemId)) return [];
    const { rows } = await this.#db.query<TimelineRow>(
      `SELECT status, previous, actor, actor_id, reason, vehicle_id, driver_id, at FROM items.item_timeline
        WHERE org_id = $1 AND item_id = $2 ORDER BY id`,
      [orgId, itemId],
    );
    return rows.map(toTimelineEntry);
  }
}

async function addTimelineEntry(tx: Queryable, item: Item, entry: TimelineEntry): Promise<void> {
  await tx.query(
    `INSERT INTO items.item_timeline (org_id, item_id, status, previous, actor, actor_id, reason, vehicle_id,
       driver_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      item.orgId,
      item.id,
      entry.status,
      entry.previous,
      entry.actor,
      entry.actorId,
      entry.reason,
      entry.vehicleId,
      entry.driverId,
      entry.at,
    ],
  );
}

/** The write's events into `items.outbox`, in its transaction: they exist exactly when it commits. */
function stageEvents(tx: Queryable, orgId: string, write: ItemWrite): Promise<readonly OutboxEvent[]> {
  return itemsOutbox.stage(
    tx,
    write.events.map((event) => ({ ...event, orgId })),
  );
}
