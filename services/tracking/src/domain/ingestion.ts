import { planIngestion } from './ingestion-plan.js';
import type { EventPublisher, IngestionStore, PositionFeedSender, RecordedPositions } from './ports.js';
import { feedMessages } from './position-feed.js';
import { positionKey } from './position-key.js';
import type { DeviceRef, TrackedPosition } from './tracked-position.js';

/** What one ingestion request stored: new positions, and repeats of ones already stored. */
export interface IngestionResult {
  readonly accepted: number;
  readonly duplicates: number;
}

/** What {@link ingest} needs: the store, the bus and the position feed. */
export interface IngestionPorts {
  readonly store: IngestionStore;
  readonly events: EventPublisher;
  readonly feed: PositionFeedSender;
}

/**
 * Stores the positions of one request (any protocol, any number of devices) and announces what
 * changed: the store's one transaction keeps the time series, latest positions, motion and
 * presence consistent; events go to the bus (only changes) once it committed, and one message per
 * organisation goes to the position feed (only positions that became their vehicle's latest).
 *
 * The feed is best effort and overlapped with the end of the transaction: it is sent as soon as the
 * store knows which positions became latest, while the plan is saved and committed, and waited for
 * before answering (a frozen execution environment must not hold a half-sent message). Should the
 * transaction then fail, the dashboard has seen a position the sender is told to send again — the
 * repeat is stored and sent once more — so nothing wrong stays on a map. Events, which other
 * services act on, are only posted after the commit.
 * @example
 * const { accepted, duplicates } = await ingest({ store, events, feed }, positions, new Date());
 */
export async function ingest(
  ports: IngestionPorts,
  positions: readonly TrackedPosition[],
  receivedAt: Date,
): Promise<IngestionResult> {
  const devices = uniqueDevices(positions);
  // Ordered, so concurrent requests lock rows in the same order and never deadlock.
  const ordered = [...positions].sort((a, b) => compare(positionKey(a), positionKey(b)));
  let events: Parameters<EventPublisher['publish']>[0] = [];
  let feed: Promise<void> | undefined;
  let recorded: RecordedPositions;
  try {
    recorded = await ports.store.record(
      ordered,
      devices,
      receivedAt,
      (snapshot) => {
        const plan = planIngestion(snapshot, devices, receivedAt);
        events = plan.events;
        return plan;
      },
      (latest) => {
        if (latest.length > 0) feed = ports.feed.send(feedMessages(latest));
      },
    );
  } catch (error) {
    await feed?.catch(() => undefined);
    throw error;
  }
  await Promise.all([events.length > 0 ? ports.events.publish(events) : undefined, feed]);
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
