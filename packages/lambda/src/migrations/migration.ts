import { z } from 'zod';

/** One schema migration: its SQL runs in the service's schema, inside a transaction, once. */
export interface Migration {
  /** Sorts the migrations and names them in the log table, e.g. `0001-create-listeners`. */
  readonly name: string;
  readonly sql: string;
}

/** A PostgreSQL schema name the migrations may create: lower-case, no quoting needed. */
export const schemaNameSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier such as event_bus');
