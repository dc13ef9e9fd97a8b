import { randomUUID } from 'node:crypto';

/** One hour in milliseconds. */
export const HOUR = 3_600_000;

/**
 * A valid create body whose window opens in an hour.
 * @example
 * const body = itemRequest('ORDER-1001');
 */
export function itemRequest(reference = `ORDER-${randomUUID().slice(0, 8)}`): Record<string, unknown> {
  // Whole minutes, so the test can spell the same instant in another zone.
  const from = new Date(Math.ceil((Date.now() + HOUR) / 60_000) * 60_000);
  return {
    reference,
    pickup: { lat: 52.52, lon: 13.405, address: 'Alexanderplatz 1, Berlin' },
    dropoff: { lat: 52.5163, lon: 13.3777, address: 'Pariser Platz, Berlin' },
    window: { from: from.toISOString(), to: new Date(from.getTime() + 3 * HOUR).toISOString() },
    size: { weightKg: 3.5, volumeLitres: 20 },
  };
}
