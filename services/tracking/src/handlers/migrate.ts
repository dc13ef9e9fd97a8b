import { migrationsResource } from '@motorcade/lambda';
import tracking from '../../migrations/0001-tracking.sql';

/** The `Custom::Migrations` provider: brings the `tracking` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [{ name: '0001-tracking', sql: tracking }],
});
