import { migrationsResource } from '@motorcade/lambda';
import items from '../../migrations/0001-items.sql';

/** The `Custom::Migrations` provider: brings the `items` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [{ name: '0001-items', sql: items }],
});
