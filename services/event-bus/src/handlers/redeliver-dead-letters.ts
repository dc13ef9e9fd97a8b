import { http, pgConnection, respond } from '@motorcade/lambda';
import { redeliverDeadLetters } from '../domain/redeliver.js';
import { respondingTo } from '../ops-api/http-errors.js';
import { listenerPath, opsCaller, redeliverBody } from '../ops-api/ops-schemas.js';
import { sweepTrigger } from '../ops-api/sweep-trigger.js';
import { busSettings } from '../settings.js';
import { DeliveryLedgerStore } from '../store/delivery-ledger-store.js';
import { ListenerRegistryStore } from '../store/listener-store.js';

const db = pgConnection({ strategy: 'close-after-invocation', connectionString: busSettings().databaseUrl });
const deps = {
  listeners: new ListenerRegistryStore(db),
  ledger: new DeliveryLedgerStore(db),
  trigger: sweepTrigger(),
};

/** `POST /listeners/{listenerId}/redeliver`: dead letters (all, or `deliveryIds`) delivered again. */
export const handler = http({
  action: 'redeliverDeadLetters',
  connections: [db],
  request: { authorizer: opsCaller, path: listenerPath, body: redeliverBody },
  handler: async ({ path, body }) =>
    respond(202, await respondingTo(() => redeliverDeadLetters(path.listenerId, body?.deliveryIds, deps))),
});
