import type { DevicePresence } from './device-presence.js';
import type { FleetEvent } from './fleet-events.js';
import type { IngestionPlan, IngestionSnapshot, MotionRecord, Segment } from './ingestion-plan.js';
import type { MotionState } from './motion-state.js';
import type { FeedMessage, FeedPosition } from './position-feed.js';
import type { DeviceRef, TrackedPosition } from './tracked-position.js';

/** What the store reports of one request's positions. */
export interface RecordedPositions {
  /** Stored now for the first time. */
  readonly inserted: readonly TrackedPosition[];
  /** Of those, the ones that became their vehicle's latest. */
  readonly latest: readonly TrackedPosition[];
}

/** The store of positions, motion and presence (PostgreSQL in src/store). */
export interface IngestionStore {
  /**
   * In one transaction: locks the vehicles' motion states and the devices' presence, stores the
   * positions (repeats dropped) and the new latest ones, asks `plan` what changes, and saves it.
   * `stored`, when given, is told which positions became latest as soon as that is known, before
   * the plan is saved and committed.
   */
  record(
    positions: readonly TrackedPosition[],
    devices: readonly DeviceRef[],
    receivedAt: Date,
    plan: (snapshot: IngestionSnapshot) => IngestionPlan,
    stored?: (latest: readonly TrackedPosition[]) => void,
  ): Promise<RecordedPositions>;
}

/** A device the offline sweep found silent. */
export interface SilentDevice extends DeviceRef, DevicePresence {}

/** A vehicle whose state says it is moving, for the sweep that ends trips of silent devices. */
export interface MovingVehicle extends DeviceRef {
  readonly state: MotionState;
}

/** What the schedule needs of the store. */
export interface SweepStore {
  /** Online devices last seen before `cutoff`. */
  silentSince(cutoff: Date): Promise<SilentDevice[]>;
  /** Marks devices offline if still online and unheard since `cutoff`; answers the ids it changed. */
  markOffline(deviceIds: readonly string[], cutoff: Date): Promise<string[]>;
  /** Vehicles `moving` whose last applied fix is older than `cutoff`. */
  movingSince(cutoff: Date): Promise<MovingVehicle[]>;
  /**
   * Saves a vehicle's new state, and the segments it finished, only when its state is still
   * `before` (a report arrived meanwhile otherwise); answers whether it saved.
   */
  saveExpired(before: MotionState, record: MotionRecord, segments: readonly Segment[]): Promise<boolean>;
}

/** What the read routes and NearestVehicles need of the store. */
export interface PositionQueries {
  latestOfOrg(orgId: string): Promise<FeedPosition[]>;
  /** The latest positions of these vehicle ids (of one organisation when given). */
  latestOfVehicles(vehicleIds: readonly string[], orgId?: string): Promise<FeedPosition[]>;
}

/** Posts events to the bus. */
export interface EventPublisher {
  publish(events: readonly FleetEvent[]): Promise<void>;
}

/**
 * Sends messages to the `PositionFeed` queue. Best effort: the feed only moves markers on live
 * maps, so a sender resolves even when the queue refuses (it logs the failure) rather than failing a
 * request whose positions are stored.
 */
export interface PositionFeedSender {
  send(messages: readonly FeedMessage[]): Promise<void>;
}
