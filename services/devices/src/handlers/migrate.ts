import { migrationsResource } from '@motorcade/lambda';
import devices from '../../migrations/0001-devices.sql';

/** The `Custom::Migrations` provider: brings the `devices` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [{ name: '0001-devices', sql: devices }],
});
