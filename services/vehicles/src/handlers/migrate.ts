import { migrationsResource } from '@motorcade/lambda';
import vehicles from '../../migrations/0001-vehicles.sql';

/** The `Custom::Migrations` provider: brings the `vehicles` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [{ name: '0001-vehicles', sql: vehicles }],
});
