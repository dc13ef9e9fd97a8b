import { migrationsResource } from '@motorcade/lambda';
import clientsAndKeys from '../../migrations/0001-clients-and-keys.sql';

/** The `Custom::Migrations` provider: brings the `clients` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [{ name: '0001-clients-and-keys', sql: clientsAndKeys }],
});
