import { customResource, pgConnection } from '@motorcade/lambda';
import { z } from 'zod';
import { changeListener, registerListener, unregisterListener } from '../domain/listener-registration.js';
import { busSettings } from '../settings.js';
import { ListenerRegistryStore } from '../store/listener-store.js';

// Registrations happen at deploys, rarely: a connection per invocation, closed before replying.
const db = pgConnection({ strategy: 'close-after-invocation', connectionString: busSettings().databaseUrl });
const store = new ListenerRegistryStore(db);

// Only the service token is checked here: the listener's own properties are checked by the domain,
// whose FAILED reasons say what is wrong with each (unknown type, malformed ARN, bad filter).
const properties = z.looseObject({ ServiceToken: z.string() });

/**
 * UpdateListener: the `Custom::EventListener` provider other stacks import. Create registers the
 * listener (idempotently), Update changes it in place, Delete removes it.
 */
export const handler = customResource({
  action: 'updateListener',
  properties,
  create: async (props, event) => {
    const { physicalId, listenerId } = await registerListener(
      { stackId: event.StackId, logicalId: event.LogicalResourceId },
      props,
      store,
    );
    return { physicalResourceId: physicalId, data: { ListenerId: String(listenerId) } };
  },
  update: async (props, event) => {
    if (event.RequestType !== 'Update') return undefined;
    const { physicalId, listenerId } = await changeListener(
      event.PhysicalResourceId,
      { stackId: event.StackId, logicalId: event.LogicalResourceId },
      props,
      store,
    );
    return { physicalResourceId: physicalId, data: { ListenerId: String(listenerId) } };
  },
  delete: async (_props, event) => {
    if (event.RequestType === 'Delete') await unregisterListener(event.PhysicalResourceId, store);
    return undefined;
  },
});
