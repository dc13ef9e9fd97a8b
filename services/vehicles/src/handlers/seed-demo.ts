import { callable } from '@motorcade/lambda';
import { seedDemo } from '../domain/demo-seed.js';
import { seedDemoInputSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { outboxPublisher } from '../lambda/outbox-publisher.js';
import { PgVehicleStore } from '../store/vehicle-store.js';

// Called once when a development environment starts.
const db = database('close-after-invocation');

/**
 * `SeedDemo` (invoked, not routed): `{ orgId, drivers, count? }` → `{ vehicles: [{ vehicleId,
 * name, driverId }] }`; demo vans created once, driver i on van i; see docs/vehicles.md.
 */
export const handler = callable({
  action: 'seedDemo',
  connections: [db],
  input: seedDemoInputSchema,
  handler: async (input) =>
    seedDemo({ store: new PgVehicleStore(db), publisher: outboxPublisher(db), now: new Date() }, input),
});
