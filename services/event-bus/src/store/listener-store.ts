import type { ListenerDefinition } from '../domain/listener-definition.js';
import { type ListenerRecord, ListenerRegistry } from '../domain/listener-registry.js';
import type { ListenerType } from '../domain/listener-target.js';
import type { ListenerStore, ResourceRef } from '../domain/ports.js';
import { SCHEMA, type Sql } from './sql.js';

const LISTENER_COLUMNS =
  'l.id, l.event_type, l.target_type, l.target_arn, l.filter::text AS filter, l.filter_loose';

// The version and the rows in one statement: one snapshot, so they always belong together.
const LOAD_REGISTRY = `
SELECT v.version::text AS version, ${LISTENER_COLUMNS}
FROM ${SCHEMA}.registry_version v
LEFT JOIN ${SCHEMA}.listeners l ON l.deleted_at IS NULL
ORDER BY l.id`;

const BUMP = `bump AS (UPDATE ${SCHEMA}.registry_version SET version = version + 1)`;

const UPSERT = `
WITH saved AS (
  INSERT INTO ${SCHEMA}.listeners (stack_id, logical_id, event_type, target_type, target_arn, filter, filter_loose)
  VALUES ($1, $2, $3, $4, $5, $6::json, $7)
  ON CONFLICT (stack_id, logical_id) WHERE deleted_at IS NULL DO UPDATE SET
    event_type = EXCLUDED.event_type, target_type = EXCLUDED.target_type, target_arn = EXCLUDED.target_arn,
    filter = EXCLUDED.filter, filter_loose = EXCLUDED.filter_loose, updated_at = now()
  RETURNING id
), ${BUMP}
SELECT id FROM saved`;

const UPDATE = `
WITH saved AS (
  UPDATE ${SCHEMA}.listeners SET event_type = $2, target_type = $3, target_arn = $4, filter = $5::json,
    filter_loose = $6, updated_at = now()
  WHERE id = $1 AND deleted_at IS NULL
  RETURNING id
), ${BUMP}
SELECT id FROM saved`;

// A removed listener's undelivered events become dead letters: nothing will deliver them now.
const REMOVE = `
WITH removed AS (
  UPDATE ${SCHEMA}.listeners SET deleted_at = now(), updated_at = now()
  WHERE id = $1 AND deleted_at IS NULL
  RETURNING id
), orphaned AS (
  UPDATE ${SCHEMA}.deliveries SET status = 'dead', next_attempt_at = NULL,
    last_error = 'the listener was removed', updated_at = now()
  WHERE listener_id IN (SELECT id FROM removed) AND status IN ('pending', 'failed')
), ${BUMP}
SELECT id FROM removed`;

interface ListenerRow {
  readonly id: string;
  readonly event_type: string;
  readonly target_type: ListenerType;
  readonly target_arn: string;
  readonly filter: string | null;
  readonly filter_loose: boolean;
}

/**
 * The listener registry in PostgreSQL (`event_bus.listeners`). Every change bumps
 * `registry_version` in the same statement, which is how SendEvent's cached registries learn of it.
 * @example
 * const registry = await new ListenerRegistryStore(db).loadRegistry();
 */
export class ListenerRegistryStore implements ListenerStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async loadRegistry(): Promise<ListenerRegistry> {
    const { rows } = await this.#sql.query<{ version: string } & Partial<ListenerRow>>(LOAD_REGISTRY);
    const version = rows[0]?.version ?? '0';
    const records = rows.flatMap((row) =>
      row.id === undefined || row.id === null ? [] : [record(row as ListenerRow)],
    );
    return new ListenerRegistry(version, records);
  }

  async find(listenerId: number): Promise<ListenerRecord | undefined> {
    const { rows } = await this.#sql.query<ListenerRow>(
      `SELECT ${LISTENER_COLUMNS} FROM ${SCHEMA}.listeners l WHERE l.id = $1 AND l.deleted_at IS NULL`,
      [listenerId],
    );
    return rows[0] && record(rows[0]);
  }

  async upsert(resource: ResourceRef, definition: ListenerDefinition): Promise<number> {
    const { rows } = await this.#sql.query<{ id: string }>(UPSERT, [
      resource.stackId,
      resource.logicalId,
      ...definitionValues(definition),
    ]);
    return Number(rows[0]?.id);
  }

  async update(listenerId: number, definition: ListenerDefinition): Promise<number | undefined> {
    const { rows } = await this.#sql.query<{ id: string }>(UPDATE, [
      listenerId,
      ...definitionValues(definition),
    ]);
    return rows[0] ? Number(rows[0].id) : undefined;
  }

  async remove(listenerId: number): Promise<boolean> {
    const { rows } = await this.#sql.query(REMOVE, [listenerId]);
    return rows.length > 0;
  }
}

function definitionValues(definition: ListenerDefinition): unknown[] {
  return [
    definition.eventType,
    definition.target.type,
    definition.target.arn,
    definition.filter === null ? null : JSON.stringify(definition.filter),
    definition.filterLoose,
  ];
}

function record(row: ListenerRow): ListenerRecord {
  return {
    id: Number(row.id),
    eventType: row.event_type,
    target: { type: row.target_type, arn: row.target_arn },
    filter: row.filter === null ? null : JSON.parse(row.filter),
    filterLoose: row.filter_loose,
  };
}
