import { postEvent } from '@motorcade/lambda';
import type { EventPublisher } from '../domain/ports.js';
import type { VehicleEvent } from '../domain/vehicle-events.js';

/**
 * The domain's events posted to the event bus (`SEND_EVENT_ARN`, imported by the template), one
 * after the other so the bus logs one vehicle's events in the order they happened.
 * @example
 * const admin = new VehicleAdmin(new PgVehicleStore(db), busPublisher);
 */
export const busPublisher: EventPublisher = {
  async publish(events: readonly VehicleEvent[]): Promise<void> {
    for (const event of events) await postEvent(event.type, event.detail);
  },
};
