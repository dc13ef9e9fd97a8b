import { TRACKING_ERROR, TrackingError } from './errors.js';

/** Silence after which a device is offline unless configured otherwise (Traccar's default too). */
export const DEFAULT_OFFLINE_TIMEOUT_SECONDS = 600;

/** What the store knows of a device's presence. */
export interface DevicePresence {
  readonly deviceId: string;
  /**
   * When the server last received anything from the device — arrival time, not fix time: a phone
   * uploading an hour of buffered fixes is online now.
   */
  readonly lastSeenAt: Date;
  /** The status last announced by an event (`deviceOnline` / `deviceOffline`). */
  readonly status: 'online' | 'offline';
}

/** `deviceOnline` or `deviceOffline`, as a plain value for the event bus. */
export interface PresenceChange {
  readonly type: 'deviceOnline' | 'deviceOffline';
  readonly deviceId: string;
  /** ISO 8601: when the device was last heard from. */
  readonly lastSeenAt: string;
}

/** The devices whose status changes now. */
export interface PresenceChanges {
  readonly wentOffline: readonly PresenceChange[];
  readonly cameBack: readonly PresenceChange[];
}

/**
 * Compares each device's last-seen time with `now`: an `online` device silent for more than
 * `timeoutSeconds` went offline (exactly the timeout is still online); an `offline` device heard
 * from within it came back. Devices whose status is already right are left out, so a schedule
 * that runs every minute announces each change once. Results are ordered by device id.
 * @throws TrackingError `INVALID_OPTION` when the timeout is not a positive number
 * @example
 * const { wentOffline } = presenceChanges(await store.presence(), new Date(), 600);
 */
export function presenceChanges(
  devices: readonly DevicePresence[],
  now: Date,
  timeoutSeconds: number = DEFAULT_OFFLINE_TIMEOUT_SECONDS,
): PresenceChanges {
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new TrackingError(
      TRACKING_ERROR.invalidOption,
      `The offline timeout must be a positive number of seconds, not ${timeoutSeconds}`,
    );
  const cutoff = now.getTime() - timeoutSeconds * 1000;
  const ordered = [...devices].sort((a, b) =>
    a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0,
  );
  const change = (type: PresenceChange['type'], device: DevicePresence): PresenceChange => ({
    type,
    deviceId: device.deviceId,
    lastSeenAt: device.lastSeenAt.toISOString(),
  });
  return {
    wentOffline: ordered
      .filter((device) => device.status === 'online' && device.lastSeenAt.getTime() < cutoff)
      .map((device) => change('deviceOffline', device)),
    cameBack: ordered
      .filter((device) => device.status === 'offline' && device.lastSeenAt.getTime() >= cutoff)
      .map((device) => change('deviceOnline', device)),
  };
}

/**
 * The presence after a report arrives at `receivedAt`, and the `deviceOnline` change when the
 * device was offline (or never seen): what the ingestion handler calls per device, so a device
 * comes back the moment it reports rather than at the next schedule run.
 * @example
 * const { presence, change } = reportReceived(previous, deviceId, new Date());
 */
export function reportReceived(
  previous: DevicePresence | undefined,
  deviceId: string,
  receivedAt: Date,
): { presence: DevicePresence; change: PresenceChange | null } {
  // A late-delivered request must not move last-seen backwards.
  const lastSeenAt =
    previous && previous.lastSeenAt.getTime() > receivedAt.getTime() ? previous.lastSeenAt : receivedAt;
  const presence: DevicePresence = { deviceId, lastSeenAt, status: 'online' };
  const change =
    previous?.status === 'online'
      ? null
      : { type: 'deviceOnline' as const, deviceId, lastSeenAt: lastSeenAt.toISOString() };
  return { presence, change };
}
