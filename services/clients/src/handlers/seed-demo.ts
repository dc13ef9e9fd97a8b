import { callable } from '@motorcade/lambda';
import { seedDemo } from '../domain/demo-seed.js';
import { seedDemoInputSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { PgClientStore } from '../store/client-store.js';

// Called once when a development environment starts.
const db = database('close-after-invocation');

/** `SeedDemo` (invoked, not routed): a demo client system and key, once; see docs/identity.md. */
export const handler = callable({
  action: 'seedDemo',
  connections: [db],
  input: seedDemoInputSchema,
  handler: async (input) => seedDemo(new PgClientStore(db), input),
});
