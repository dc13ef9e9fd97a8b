import { planIngestion } from './ingestion-plan.js';
import type { EventPublisher, IngestionStore, PositionFeedSender } from './ports.js';
import { feedMessages } from './position-feed.js';
import { positionKey } from './position-key.js';
import type { DeviceRef, TrackedPosition } from './tracked-position.js';

/** What one ingestion request stored: new positions, and repeats of ones already stored. */
export interface IngestionResult {
  readonly accepted: number;
  readonly duplicates: number;
}

/**
 * Stores the positions of one request (any protocol, any number of devices) and announces what
 * changed: the store's one transaction keeps the time series, latest positions, motion and
 * presence consistent; then events go to the bus (only changes) and one message per organisation
 * to the position feed (only positions that became their vehicle's latest).
 * @example
 * const { accepted, duplicates } = await ingest({ store, events, feed }, positions, new Date());
 */
export async function ingest(
  ports: { store: IngestionStore; events: EventPublisher; feed: PositionFeedSender },
  positions: readonly TrackedPosition[],
  receivedAt: Date,
): Promise<IngestionResult> {
  const devices = uniqueDevices(positions);
  // Ordered, so concurrent requests lock rows in the same order and never deadlock.
  const ordered = [...positions].sort((a, b) => compare(positionKey(a), positionKey(b)));
  let events: Parameters<EventPublisher['publish']>[0] = [];
  const recorded = await ports.store.record(ordered, devices, receivedAt, (snapshot) => {
    const plan = planIngestion(snapshot, devices, receivedAt);
    events = plan.events;
    return plan;
  });
  await Promise.all([
    events.length > 0 ? ports.events.publish(events) : undefined,
    recorded.latest.length > 0 ? ports.feed.send(feedMessages(recorded.latest)) : undefined,
  ]);
  return { accepted: recorded.inserted.length, duplicates: positions.length - recorded.inserted.length };
}

function uniqueDevices(positions: readonly TrackedPosition[]): DeviceRef[] {
  const byId = new Map<string, DeviceRef>();
  for (const { deviceId, orgId, vehicleId } of positions) byId.set(deviceId, { deviceId, orgId, vehicleId });
  return [...byId.values()].sort((a, b) => compare(a.deviceId, b.deviceId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
