import { DEFAULT_OFFLINE_TIMEOUT_SECONDS, presenceChanges } from './device-presence.js';
import { type FleetEvent, motionEvent, presenceEvent } from './fleet-events.js';
import { segmentOf } from './ingestion-plan.js';
import { expireMotion } from './motion-gap.js';
import { MOTION_RULES } from './motion-rules.js';
import type { EventPublisher, SweepStore } from './ports.js';

/** What one sweep announced. */
export interface SweepResult {
  readonly wentOffline: number;
  readonly tripsEnded: number;
}

/**
 * The every-minute sweep: devices silent longer than the timeout go offline (`deviceOffline`,
 * announced once: only the run that flips the status posts it), and a trip whose device has been
 * silent longer than the motion gap ends (`vehicleStopped`, reason gap), as the next position would
 * have ended it.
 * @example
 * await sweepSilentDevices({ store, events }, new Date(event.time), 600);
 */
export async function sweepSilentDevices(
  ports: { store: SweepStore; events: EventPublisher },
  now: Date,
  timeoutSeconds: number = DEFAULT_OFFLINE_TIMEOUT_SECONDS,
): Promise<SweepResult> {
  const cutoff = new Date(now.getTime() - timeoutSeconds * 1000);
  const silent = await ports.store.silentSince(cutoff);
  const { wentOffline } = presenceChanges(silent, now, timeoutSeconds);
  const flipped = new Set(
    wentOffline.length === 0
      ? []
      : await ports.store.markOffline(
          wentOffline.map((change) => change.deviceId),
          cutoff,
        ),
  );
  const events: FleetEvent[] = [];
  for (const change of wentOffline) {
    const device = silent.find((candidate) => candidate.deviceId === change.deviceId);
    if (device && flipped.has(change.deviceId)) events.push(presenceEvent(change, device));
  }

  let tripsEnded = 0;
  const moving = await ports.store.movingSince(new Date(now.getTime() - MOTION_RULES.maxGapSeconds * 1000));
  for (const vehicle of moving) {
    const { state, changes } = expireMotion(vehicle.state, vehicle.deviceId, now);
    if (changes.length === 0) continue;
    const segments = changes.flatMap((change) => segmentOf(change, vehicle) ?? []);
    const { state: _before, ...device } = vehicle;
    if (!(await ports.store.saveExpired(vehicle.state, { ...device, state }, segments))) continue;
    tripsEnded += 1;
    events.push(...changes.map((change) => motionEvent(change, device)));
  }
  if (events.length > 0) await ports.events.publish(events);
  return { wentOffline: events.filter((event) => event.type === 'deviceOffline').length, tripsEnded };
}
