import type { PgConnection } from '@motorcade/lambda';
import type { EventPublisher } from '../domain/ports.js';
import { vehiclesOutbox } from '../store/outbox.js';

/**
 * The domain's staged events posted to the event bus (`SEND_EVENT_ARN`, imported by the template)
 * once their transaction committed, in order, and marked posted on `db`. A failed post is logged
 * and left to `RelayOutbox`; nothing is thrown, because the change and its events are already kept.
 * @example
 * const admin = new VehicleAdmin(new PgVehicleStore(db), outboxPublisher(db));
 */
export function outboxPublisher(db: PgConnection): EventPublisher {
  return {
    async publish(staged) {
      await vehiclesOutbox.publish(db, staged);
    },
  };
}
