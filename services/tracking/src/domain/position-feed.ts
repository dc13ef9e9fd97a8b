import type { TrackedPosition } from './tracked-position.js';

/** A position as the feed, the latest-positions route and the browsers see it. */
export interface FeedPosition {
  readonly vehicleId: string;
  readonly deviceId: string;
  readonly lat: number;
  readonly lon: number;
  /** ISO 8601. */
  readonly fixTime: string;
  readonly speedKph: number | null;
  /** Course over ground in degrees, null when unknown. */
  readonly heading: number | null;
}

/** One message of the `PositionFeed` queue: the positions of one organisation from one request. */
export interface FeedMessage {
  readonly orgId: string;
  readonly positions: readonly FeedPosition[];
}

/**
 * The public view of a stored position.
 * @example
 * feedPosition(tracked); // { vehicleId, deviceId, lat, lon, fixTime, speedKph, heading }
 */
export function feedPosition(
  position: Pick<
    TrackedPosition,
    'vehicleId' | 'deviceId' | 'latitude' | 'longitude' | 'fixTime' | 'speedKph' | 'course'
  >,
): FeedPosition {
  return {
    vehicleId: position.vehicleId,
    deviceId: position.deviceId,
    lat: position.latitude,
    lon: position.longitude,
    fixTime: position.fixTime.toISOString(),
    speedKph: position.speedKph,
    heading: position.course,
  };
}

/**
 * One feed message per organisation, from the positions that became their vehicle's latest (late
 * fixes are not in `latest`, so a browser's marker never jumps back).
 * @example
 * feedMessages(outcome.latest); // [{ orgId, positions: [...] }]
 */
export function feedMessages(latest: readonly TrackedPosition[]): FeedMessage[] {
  const byOrg = new Map<string, FeedPosition[]>();
  for (const position of latest) {
    const positions = byOrg.get(position.orgId) ?? [];
    positions.push(feedPosition(position));
    byOrg.set(position.orgId, positions);
  }
  return [...byOrg].map(([orgId, positions]) => ({ orgId, positions }));
}
