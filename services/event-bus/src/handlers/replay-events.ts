import { http, pgConnection, respond } from '@motorcade/lambda';
import { replay } from '../domain/replay.js';
import { respondingTo } from '../ops-api/http-errors.js';
import { listenerPath, opsCaller, replayBody } from '../ops-api/ops-schemas.js';
import { sweepTrigger } from '../ops-api/sweep-trigger.js';
import { busSettings } from '../settings.js';
import { DeliveryLedgerStore } from '../store/delivery-ledger-store.js';
import { EventScanStore } from '../store/event-scan-store.js';
import { ListenerRegistryStore } from '../store/listener-store.js';

const db = pgConnection({ strategy: 'close-after-invocation', connectionString: busSettings().databaseUrl });
const deps = {
  listeners: new ListenerRegistryStore(db),
  events: new EventScanStore(db),
  ledger: new DeliveryLedgerStore(db),
  trigger: sweepTrigger(),
};

/** `POST /listeners/{listenerId}/replay`: the log from `fromEventId` or `fromTime` on, to one listener. */
export const handler = http({
  action: 'replayEvents',
  connections: [db],
  request: { authorizer: opsCaller, path: listenerPath, body: replayBody },
  handler: async ({ path, body }) => {
    const start =
      body.fromEventId !== undefined
        ? { fromEventId: body.fromEventId }
        : { fromTime: new Date(body.fromTime ?? 0) };
    return respond(202, await respondingTo(() => replay(path.listenerId, start, body.limit, deps)));
  },
});
