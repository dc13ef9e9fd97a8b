import { migrationsResource } from '@motorcade/lambda';
import listeners from '../../migrations/0001-listeners.sql';
import events from '../../migrations/0002-events.sql';
import deliveries from '../../migrations/0003-deliveries.sql';
import refusals from '../../migrations/0004-refusals.sql';

/** The `Custom::Migrations` provider: brings the `event_bus` schema up to date at every deploy. */
export const handler = migrationsResource({
  migrations: [
    { name: '0001-listeners', sql: listeners },
    { name: '0002-events', sql: events },
    { name: '0003-deliveries', sql: deliveries },
    { name: '0004-refusals', sql: refusals },
  ],
});
