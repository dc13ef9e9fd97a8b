import type { Point } from './fleet-events.js';
import type { Segment } from './ingestion-plan.js';
import type { MotionState } from './motion-state.js';

/** A trip as the trips route shows it; `endedAt` null while it is under way. */
export interface TripView {
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly from: Point;
  readonly to: Point | null;
  readonly distanceMetres: number;
}

/** A stop as the trips route shows it; `endedAt` null while the vehicle stands there. */
export interface StopView {
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly position: Point;
}

/**
 * The trips and stops of a vehicle in a range, oldest first: the finished ones the store kept, and
 * the one under way now (from the motion state) when it began before `to`.
 * @example
 * tripsView(segments, state, range); // { trips: [...], stops: [...] }
 */
export function tripsView(
  segments: readonly Segment[],
  state: MotionState | null,
  range: { from: Date; to: Date },
): { trips: TripView[]; stops: StopView[] } {
  const point = (at: { latitude: number; longitude: number }): Point => ({
    lat: at.latitude,
    lon: at.longitude,
  });
  const trips: TripView[] = [];
  const stops: StopView[] = [];
  for (const segment of segments) {
    if (segment.kind === 'trip')
      trips.push({
        startedAt: segment.startedAt.toISOString(),
        endedAt: segment.endedAt.toISOString(),
        from: point(segment.from),
        to: point(segment.to),
        distanceMetres: segment.distanceMetres,
      });
    else
      stops.push({
        startedAt: segment.startedAt.toISOString(),
        endedAt: segment.endedAt.toISOString(),
        position: point(segment.from),
      });
  }
  const within = (ms: number): boolean => ms <= range.to.getTime();
  if (state?.status === 'moving' && state.trip && within(state.trip.startedAtMs))
    trips.push({
      startedAt: new Date(state.trip.startedAtMs).toISOString(),
      endedAt: null,
      from: point(state.trip),
      to: state.last ? point(state.last) : null,
      distanceMetres: state.odometerMetres - state.trip.odometerMetres,
    });
  if (state?.status === 'stopped' && state.stop && within(state.stop.sinceMs))
    stops.push({
      startedAt: new Date(state.stop.sinceMs).toISOString(),
      endedAt: null,
      position: point(state.stop),
    });
  return { trips, stops };
}
