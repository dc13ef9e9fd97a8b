import { migrationsResource } from '@motorcade/lambda';
import connections from '../../migrations/0001-connections.sql';

/** The `Custom::Migrations` provider: brings the `realtime` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [{ name: '0001-connections', sql: connections }],
});
