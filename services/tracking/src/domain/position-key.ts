import type { Position } from './position.js';

/**
 * The identity of a position: its device and its fix time to the millisecond. A device that
 * resends a fix (Traccar Client retries until it gets a 200) sends the same key, and the store
 * keeps the first; the key is also the natural primary key of the time series.
 * @example
 * positionKey({ deviceId: '123456', fixTime: new Date('2024-05-01T10:00:00Z') }); // '123456@2024-05-01T10:00:00.000Z'
 */
export function positionKey(position: Pick<Position, 'deviceId' | 'fixTime'>): string {
  return `${position.deviceId}@${position.fixTime.toISOString()}`;
}

/**
 * Drops repeats (same {@link positionKey}) and keeps the first of each, in order: a batch may
 * carry the same fix twice, and a repeated position is accepted once.
 * @example
 * const fresh = uniquePositions(parsePositionBatch(body, now));
 */
export function uniquePositions<T extends Pick<Position, 'deviceId' | 'fixTime'>>(
  positions: readonly T[],
): T[] {
  const seen = new Set<string>();
  return positions.filter((position) => {
    const key = positionKey(position);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
