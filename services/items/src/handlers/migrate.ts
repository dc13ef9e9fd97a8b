import { migrationsResource } from '@motorcade/lambda';
import items from '../../migrations/0001-items.sql';
import outboxRelay from '../../migrations/0002-outbox-relay.sql';

/** The `Custom::Migrations` provider: brings the `items` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [
    { name: '0001-items', sql: items },
    { name: '0002-outbox-relay', sql: outboxRelay },
  ],
});
