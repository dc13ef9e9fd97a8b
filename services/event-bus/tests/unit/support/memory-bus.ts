import type { LoggedEvent } from '../../../src/domain/bus-event.js';
import { DeliveryFailure } from '../../../src/domain/errors.js';
import type { ListenerDefinition } from '../../../src/domain/listener-definition.js';
import { type ListenerRecord, ListenerRegistry } from '../../../src/domain/listener-registry.js';
import type { ListenerTarget } from '../../../src/domain/listener-target.js';
import type {
  AppendRequest,
  AppendResult,
  ClaimedDelivery,
  DeliveryLedger,
  DeliveryRef,
  DeliveryTransport,
  EventLog,
  EventScan,
  ListenerStore,
  Refusal,
  ReplayStart,
  ResourceRef,
} from '../../../src/domain/ports.js';
import type { DeliveryOutcome } from '../../../src/domain/retry-policy.js';

interface StoredEvent extends LoggedEvent {
  readonly publishKey: string;
  readonly depth: number;
}

interface StoredDelivery {
  readonly id: number;
  readonly listenerId: number;
  readonly eventId: string;
  status: 'pending' | 'delivered' | 'failed' | 'dead';
  attempts: number;
  due: boolean;
}

interface StoredListener extends ListenerRecord {
  readonly resource: ResourceRef;
  removed: boolean;
}

/**
 * The bus's storage in memory, with the PostgreSQL stores' semantics, so the domain's flows are
 * tested without a database (the stores themselves are exercised by the integration tests).
 */
export class MemoryBus implements EventLog, DeliveryLedger, ListenerStore, EventScan {
  readonly events: StoredEvent[] = [];
  readonly deliveries: StoredDelivery[] = [];
  readonly listeners: StoredListener[] = [];
  readonly refusals: Refusal[] = [];
  version = 1;
  loads = 0;
  #nextDelivery = 1;

  // --- ListenerStore

  async loadRegistry(): Promise<ListenerRegistry> {
    this.loads += 1;
    return new ListenerRegistry(
      String(this.version),
      this.listeners.filter((listener) => !listener.removed),
    );
  }

  async find(listenerId: number): Promise<ListenerRecord | undefined> {
    return this.listeners.find((listener) => listener.id === listenerId && !listener.removed);
  }

  async upsert(resource: ResourceRef, definition: ListenerDefinition): Promise<number> {
    const existing = this.listeners.find(
      (listener) =>
        !listener.removed &&
        listener.resource.stackId === resource.stackId &&
        listener.resource.logicalId === resource.logicalId,
    );
    if (existing) return (await this.update(existing.id, definition)) as number;
    const id = this.listeners.length + 1;
    this.listeners.push({ id, resource, removed: false, ...record(definition) });
    this.version += 1;
    return id;
  }

  async update(listenerId: number, definition: ListenerDefinition): Promise<number | undefined> {
    const index = this.listeners.findIndex((listener) => listener.id === listenerId && !listener.removed);
    const current = this.listeners[index];
    if (!current) return undefined;
    this.listeners[index] = { ...current, ...record(definition) };
    this.version += 1;
    return listenerId;
  }

  async remove(listenerId: number): Promise<boolean> {
    const listener = this.listeners.find((entry) => entry.id === listenerId && !entry.removed);
    if (!listener) return false;
    listener.removed = true;
    for (const delivery of this.deliveries) {
      if (
        delivery.listenerId === listenerId &&
        (delivery.status === 'pending' || delivery.status === 'failed')
      ) {
        delivery.status = 'dead';
      }
    }
    this.version += 1;
    return true;
  }

  /** Registers a listener directly (as a deploy would). */
  add(eventType: string, target: ListenerTarget, filter: unknown = null): number {
    const id = this.listeners.length + 1;
    this.listeners.push({
      id,
      eventType,
      target,
      filter,
      filterLoose: false,
      resource: { stackId: 'stack', logicalId: `L${id}` },
      removed: false,
    });
    this.version += 1;
    return id;
  }

  // --- EventLog

  async append(request: AppendRequest): Promise<AppendResult> {
    const cause = this.events.find((event) => event.id === request.causingEventId);
    const depth = (cause?.depth ?? 0) + 1;
    if (depth > request.maxDepth) return { kind: 'too-deep', depth };
    const existing = this.events.find((event) => event.publishKey === request.publishKey);
    if (existing) return { kind: 'duplicate', eventId: existing.id };
    const event: StoredEvent = {
      id: String(this.events.length + 1),
      publishKey: request.publishKey,
      type: request.type,
      source: request.source,
      time: new Date(Date.UTC(2026, 10, 28, 10, 0, this.events.length)).toISOString(),
      detailJson: request.detailJson,
      correlationId: request.correlationId,
      ...(request.causationId === undefined ? {} : { causationId: request.causationId }),
      depth,
    };
    this.events.push(event);
    const deliveries = request.listenerIds.map((listenerId) => this.#queue(listenerId, event.id));
    return { kind: 'logged', event, depth, registryVersion: String(this.version), deliveries };
  }

  async reconcile(eventId: string, listenerIds: readonly number[]): Promise<DeliveryRef[]> {
    for (let index = this.deliveries.length - 1; index >= 0; index -= 1) {
      const delivery = this.deliveries[index] as StoredDelivery;
      if (
        delivery.eventId === eventId &&
        delivery.status === 'pending' &&
        !listenerIds.includes(delivery.listenerId)
      ) {
        this.deliveries.splice(index, 1);
      }
    }
    return listenerIds.map((listenerId) => {
      const existing = this.deliveries.find(
        (entry) => entry.eventId === eventId && entry.listenerId === listenerId,
      );
      return existing ? { deliveryId: existing.id, listenerId } : this.#queue(listenerId, eventId);
    });
  }

  async claimUnattempted(eventId: string): Promise<ClaimedDelivery[]> {
    return this.#claim(
      (delivery) => delivery.eventId === eventId && delivery.status === 'pending' && delivery.attempts === 0,
    );
  }

  async refuse(refusal: Refusal): Promise<void> {
    this.refusals.push(refusal);
  }

  // --- DeliveryLedger

  async record(outcomes: readonly DeliveryOutcome[]): Promise<void> {
    for (const outcome of outcomes) {
      const delivery = this.deliveries.find((entry) => entry.id === outcome.deliveryId);
      if (!delivery) throw new Error(`no delivery ${outcome.deliveryId}`);
      delivery.status = outcome.status;
      delivery.attempts = outcome.attempts;
      delivery.due = outcome.status === 'failed';
    }
  }

  async claimDue(limit: number): Promise<ClaimedDelivery[]> {
    return this.#claim(
      (delivery) => delivery.due && (delivery.status === 'pending' || delivery.status === 'failed'),
      limit,
    );
  }

  async reviveDead(listenerId: number, deliveryIds: readonly number[] | undefined): Promise<number> {
    let count = 0;
    for (const delivery of this.deliveries) {
      if (delivery.listenerId !== listenerId || delivery.status !== 'dead') continue;
      if (deliveryIds && !deliveryIds.includes(delivery.id)) continue;
      Object.assign(delivery, { status: 'pending', attempts: 0, due: true });
      count += 1;
    }
    return count;
  }

  async scheduleReplay(listenerId: number, eventIds: readonly string[]): Promise<number> {
    for (const eventId of eventIds) {
      const existing = this.deliveries.find(
        (entry) => entry.listenerId === listenerId && entry.eventId === eventId,
      );
      if (existing) Object.assign(existing, { status: 'pending', attempts: 0, due: true });
      else
        this.deliveries.push({
          id: this.#nextDelivery++,
          listenerId,
          eventId,
          status: 'pending',
          attempts: 0,
          due: true,
        });
    }
    return eventIds.length;
  }

  // --- EventScan

  async scan(type: string, from: ReplayStart, limit: number): Promise<LoggedEvent[]> {
    return this.events
      .filter((event) => event.type === type)
      .filter((event) =>
        'fromEventId' in from
          ? Number(event.id) >= Number(from.fromEventId)
          : new Date(event.time) >= from.fromTime,
      )
      .slice(0, limit);
  }

  /** The status of each delivery of an event, by listener id. */
  statusOf(eventId: string): Record<number, string> {
    return Object.fromEntries(
      this.deliveries
        .filter((entry) => entry.eventId === eventId)
        .map((entry) => [entry.listenerId, entry.status]),
    );
  }

  #queue(listenerId: number, eventId: string): DeliveryRef {
    const id = this.#nextDelivery++;
    this.deliveries.push({ id, listenerId, eventId, status: 'pending', attempts: 0, due: false });
    return { deliveryId: id, listenerId };
  }

  #claim(wanted: (delivery: StoredDelivery) => boolean, limit = Number.POSITIVE_INFINITY): ClaimedDelivery[] {
    return this.deliveries
      .filter(wanted)
      .slice(0, limit)
      .flatMap((delivery) => {
        const listener = this.listeners.find((entry) => entry.id === delivery.listenerId && !entry.removed);
        const event = this.events.find((entry) => entry.id === delivery.eventId);
        if (!listener || !event) return [];
        delivery.due = false;
        return [
          {
            deliveryId: delivery.id,
            listenerId: delivery.listenerId,
            attempts: delivery.attempts,
            target: listener.target,
            event,
          },
        ];
      });
  }
}

function record(definition: ListenerDefinition): Omit<ListenerRecord, 'id'> {
  return {
    eventType: definition.eventType,
    target: definition.target,
    filter: definition.filter,
    filterLoose: definition.filterLoose,
  };
}

/** A transport that records what it was given and fails for the ARNs told to. */
export class RecordingTransport implements DeliveryTransport {
  readonly sent: { arn: string; envelope: Record<string, unknown> }[] = [];
  readonly failing = new Map<string, { message: string; permanent: boolean }>();

  async deliver(target: ListenerTarget, envelope: string): Promise<void> {
    const failure = this.failing.get(target.arn);
    if (failure) throw new DeliveryFailure(failure.message, { permanent: failure.permanent });
    this.sent.push({ arn: target.arn, envelope: JSON.parse(envelope) });
  }
}

/** A sweep trigger that counts its wake-ups. */
export class CountingTrigger {
  readonly reasons: string[] = [];
  async wake(reason: string): Promise<void> {
    this.reasons.push(reason);
  }
}
