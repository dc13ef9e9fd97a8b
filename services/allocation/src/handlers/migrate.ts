import { migrationsResource } from '@motorcade/lambda';
import allocation from '../../migrations/0001-allocation.sql';

/** The `Custom::Migrations` provider: brings the `allocation` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [{ name: '0001-allocation', sql: allocation }],
});
