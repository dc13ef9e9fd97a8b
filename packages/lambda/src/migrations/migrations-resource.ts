import { z } from 'zod';
import { ConfigurationError } from '../errors/lambda-library-error.js';
import { customResource } from '../handlers/custom-resource.js';
import { type Migration, schemaNameSchema } from './migration.js';
import { runMigrations } from './run-migrations.js';

/** Options of {@link migrationsResource}. */
export interface MigrationsResourceOptions {
  readonly migrations: readonly Migration[];
  /** Where the database URL is; `DATABASE_URL` by default (set from the stack's `DatabaseUrl` parameter). */
  readonly databaseUrlVariable?: string;
}

const properties = z.object({ ServiceToken: z.string(), Schema: schemaNameSchema }).passthrough();

/**
 * The custom resource provider that applies a service's migrations when its stack deploys — on the
 * local cloud and on AWS alike. Create and Update bring the schema up to date (every deploy sends an
 * Update when the template passes the newest migration's name, e.g. `Version: '0003'`); Delete
 * keeps the schema and its data: dropping a service's stack must not destroy its records.
 * `!GetAtt Migrations.Latest` is the newest migration applied.
 * @example
 * // template.yaml: Migrations: { Type: Custom::Migrations, Properties: { ServiceToken: !GetAtt Migrate.Arn, Schema: event_bus, Version: '0002' } }
 * import listeners from '../../migrations/0001-listeners.sql';
 * export const handler = migrationsResource({ migrations: [{ name: '0001-listeners', sql: listeners }] });
 */
export function migrationsResource(options: MigrationsResourceOptions) {
  const variable = options.databaseUrlVariable ?? 'DATABASE_URL';
  const migrate = async ({ Schema }: { Schema: string }) => {
    const url = process.env[variable];
    if (!url)
      throw new ConfigurationError(`${variable} is not set: the stack must pass its DatabaseUrl parameter`);
    const outcome = await runMigrations(url, Schema, options.migrations);
    return {
      physicalResourceId: `migrations-${Schema}`,
      data: { Schema, Latest: outcome.latest ?? '', Applied: outcome.applied.join(',') },
    };
  };
  return customResource({
    action: 'migrate',
    properties,
    create: migrate,
    update: migrate,
    delete: async () => undefined,
  });
}
