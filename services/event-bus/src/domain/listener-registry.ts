import type { EventFilter } from './filter/event-filter.js';
import { listenerFilter } from './listener-definition.js';
import type { ListenerTarget } from './listener-target.js';

/** A registered listener as the registry stores it. */
export interface ListenerRecord {
  readonly id: number;
  readonly eventType: string;
  readonly target: ListenerTarget;
  readonly filter: unknown;
  readonly filterLoose: boolean;
}

/** A listener ready for matching: its filter compiled once. */
export interface ActiveListener {
  readonly id: number;
  readonly eventType: string;
  readonly target: ListenerTarget;
  readonly filter: EventFilter;
}

/**
 * The registry at one version, indexed by event type, with every filter compiled once: matching an
 * event costs a map lookup and the filters of that type's listeners.
 * @example
 * const registry = new ListenerRegistry('7', records);
 * const targets = registry.matching('orderPlaced', { colour: 'red' });
 */
export class ListenerRegistry {
  readonly version: string;
  readonly #byType = new Map<string, ActiveListener[]>();

  constructor(version: string, records: readonly ListenerRecord[]) {
    this.version = version;
    for (const record of records) {
      const active: ActiveListener = {
        id: record.id,
        eventType: record.eventType,
        target: record.target,
        // Filters were validated at registration, so compiling them again cannot fail.
        filter: listenerFilter(record.filter, record.filterLoose),
      };
      const list = this.#byType.get(record.eventType);
      if (list) list.push(active);
      else this.#byType.set(record.eventType, [active]);
    }
  }

  /** The listeners of `type` whose filter matches `detail`. */
  matching(type: string, detail: unknown): ActiveListener[] {
    const candidates = this.#byType.get(type);
    if (!candidates) return [];
    return candidates.filter((listener) => listener.filter.matches(detail));
  }
}

/**
 * The registry an execution environment keeps across invocations: loaded once, and again only when
 * the version PostgreSQL reports (with every logged event) differs from the one held.
 * @example
 * const cache = new RegistryCache(() => store.loadRegistry());
 * const registry = await cache.current();
 */
export class RegistryCache {
  readonly #load: () => Promise<ListenerRegistry>;
  #registry: ListenerRegistry | undefined;

  constructor(load: () => Promise<ListenerRegistry>) {
    this.#load = load;
  }

  /** The registry held, loading it on first use. */
  async current(): Promise<ListenerRegistry> {
    this.#registry ??= await this.#load();
    return this.#registry;
  }

  /** Loads the registry again (it changed since it was loaded). */
  async reload(): Promise<ListenerRegistry> {
    this.#registry = await this.#load();
    return this.#registry;
  }
}
