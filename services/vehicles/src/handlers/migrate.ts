import { migrationsResource } from '@motorcade/lambda';
import vehicles from '../../migrations/0001-vehicles.sql';
import outbox from '../../migrations/0002-outbox.sql';
import availabilityVersion from '../../migrations/0003-availability-version.sql';

/** The `Custom::Migrations` provider: brings the `vehicles` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [
    { name: '0001-vehicles', sql: vehicles },
    { name: '0002-outbox', sql: outbox },
    { name: '0003-availability-version', sql: availabilityVersion },
  ],
});
