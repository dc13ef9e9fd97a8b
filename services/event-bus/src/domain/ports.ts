import type { LoggedEvent } from './bus-event.js';
import type { ListenerDefinition } from './listener-definition.js';
import type { ListenerRecord, ListenerRegistry } from './listener-registry.js';
import type { ListenerTarget } from './listener-target.js';
import type { DeliveryOutcome } from './retry-policy.js';

/** A delivery row as SendEvent creates it: which listener, under which id. */
export interface DeliveryRef {
  readonly deliveryId: number;
  readonly listenerId: number;
}

/** A delivery claimed for an attempt, with everything needed to make it. */
export interface ClaimedDelivery extends DeliveryRef {
  readonly attempts: number;
  readonly target: ListenerTarget;
  readonly event: LoggedEvent;
}

/** What SendEvent asks the log to append. */
export interface AppendRequest {
  readonly publishKey: string;
  readonly type: string;
  readonly source: string;
  readonly detailJson: string;
  readonly correlationId: string;
  readonly causationId: string | undefined;
  /** The logged event this one's causation id names, if any. */
  readonly causingEventId: string | undefined;
  readonly publishedAt: string;
  /** Deeper chains are not logged. */
  readonly maxDepth: number;
  /** The listeners to queue deliveries for, from the registry SendEvent holds. */
  readonly listenerIds: readonly number[];
  /** How long a fresh delivery is reserved for SendEvent before the sweep may take it. */
  readonly leaseSeconds: number;
}

/** What appending came to, in one round trip. */
export type AppendResult =
  | {
      readonly kind: 'logged';
      readonly event: LoggedEvent;
      readonly depth: number;
      /** The registry version at the moment of logging: if it differs, the deliveries are re-checked. */
      readonly registryVersion: string;
      readonly deliveries: readonly DeliveryRef[];
    }
  | { readonly kind: 'duplicate'; readonly eventId: string }
  | { readonly kind: 'too-deep'; readonly depth: number };

/** A refused event, kept for the ops API. */
export interface Refusal {
  readonly publishKey: string | undefined;
  readonly type: string | undefined;
  readonly source: string | undefined;
  readonly correlationId: string | undefined;
  readonly causationId: string | undefined;
  readonly code: string;
  readonly message: string;
}

/** The event log and the deliveries SendEvent creates with it (PostgreSQL). */
export interface EventLog {
  append(request: AppendRequest): Promise<AppendResult>;
  /** After a registry change: the pending deliveries of `eventId` made to match `listenerIds`. */
  reconcile(eventId: string, listenerIds: readonly number[], leaseSeconds: number): Promise<DeliveryRef[]>;
  /** The deliveries of an already logged event that were never attempted (its first SendEvent died). */
  claimUnattempted(eventId: string, leaseSeconds: number): Promise<ClaimedDelivery[]>;
  refuse(refusal: Refusal): Promise<void>;
}

/** The delivery records: outcomes, the retry sweep's claims, dead letters and replays. */
export interface DeliveryLedger {
  record(outcomes: readonly DeliveryOutcome[]): Promise<void>;
  /** Claims up to `limit` deliveries that are due, reserving them for `leaseSeconds`. */
  claimDue(limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]>;
  /** Makes dead letters of a listener due again with a fresh budget; returns how many. */
  reviveDead(listenerId: number, deliveryIds: readonly number[] | undefined): Promise<number>;
  /** Makes deliveries of these events to a listener due now (created or reset); returns how many. */
  scheduleReplay(listenerId: number, eventIds: readonly string[]): Promise<number>;
}

/** The listener registry's storage. */
export interface ListenerStore {
  loadRegistry(): Promise<ListenerRegistry>;
  find(listenerId: number): Promise<ListenerRecord | undefined>;
  /** Creates or (same stack and resource) updates a listener; returns its id. */
  upsert(resource: ResourceRef, definition: ListenerDefinition): Promise<number>;
  /** Updates a listener in place; `undefined` when it is not registered. */
  update(listenerId: number, definition: ListenerDefinition): Promise<number | undefined>;
  /** Removes a listener; its undelivered deliveries become dead letters. Returns whether it existed. */
  remove(listenerId: number): Promise<boolean>;
}

/** Where a listener was declared. */
export interface ResourceRef {
  readonly stackId: string;
  readonly logicalId: string;
}

/** A page of logged events, for replay. */
export interface EventScan {
  /** Events of `type` from `from` on, in id order, at most `limit`. */
  scan(type: string, from: ReplayStart, limit: number): Promise<LoggedEvent[]>;
}

/** Where a replay starts: an event id (inclusive) or a time (inclusive). */
export type ReplayStart = { readonly fromEventId: string } | { readonly fromTime: Date };

/** Hands an envelope to a listener's function or queue; throws `DeliveryFailure`. */
export interface DeliveryTransport {
  deliver(target: ListenerTarget, envelope: string): Promise<void>;
}

/** Starts the retry sweep now instead of at its next scheduled run. */
export interface SweepTrigger {
  wake(reason: string): Promise<void>;
}
