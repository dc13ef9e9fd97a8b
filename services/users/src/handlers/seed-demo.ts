import { callable } from '@motorcade/lambda';
import { seedDemo, seedDemoInputSchema } from '../domain/demo-seed.js';
import { database } from '../lambda/database.js';
import { PgOrganisationStore } from '../store/organisation-store.js';

// Called once when a development environment starts.
const db = database('close-after-invocation');

/**
 * `SeedDemo` (invoked, not routed): creates the demo organisation and its users once; see
 * docs/identity.md for what `motorcade dev` does with the answer.
 */
export const handler = callable({
  action: 'seedDemo',
  connections: [db],
  input: seedDemoInputSchema,
  handler: async (input) => seedDemo(new PgOrganisationStore(db), input),
});
