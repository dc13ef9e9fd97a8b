import type { Segment } from '../domain/ingestion-plan.js';

/**
 * The segments as the column arrays of an unnest insert, in the column order the statements use:
 * org, vehicle, device, kind, started, ended, start lat/lon, end lat/lon (and distance apart, as the
 * statements put it last).
 */
export function segmentColumns(segments: readonly Segment[]): { columns: unknown[][]; distances: number[] } {
  return {
    columns: [
      segments.map((s) => s.orgId),
      segments.map((s) => s.vehicleId),
      segments.map((s) => s.deviceId),
      segments.map((s) => s.kind),
      segments.map((s) => s.startedAt),
      segments.map((s) => s.endedAt),
      segments.map((s) => s.from.latitude),
      segments.map((s) => s.from.longitude),
      segments.map((s) => s.to.latitude),
      segments.map((s) => s.to.longitude),
    ],
    distances: segments.map((s) => s.distanceMetres),
  };
}
