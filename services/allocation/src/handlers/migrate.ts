import { migrationsResource } from '@motorcade/lambda';
import allocation from '../../migrations/0001-allocation.sql';
import outboxEnvelopeIds from '../../migrations/0002-outbox-envelope-ids.sql';
import availabilityVersion from '../../migrations/0003-availability-version.sql';

/** The `Custom::Migrations` provider: brings the `allocation` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [
    { name: '0001-allocation', sql: allocation },
    { name: '0002-outbox-envelope-ids', sql: outboxEnvelopeIds },
    { name: '0003-availability-version', sql: availabilityVersion },
  ],
});
