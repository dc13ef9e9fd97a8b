import { randomUUID } from 'node:crypto';
import { type CityGrid, randomStreetPoint } from './city-grid.js';
import type { NewItem } from './fleet-api.js';
import type { LocalPlane, Metres } from './local-plane.js';
import type { Random } from './random.js';

/** How a client system creates an item (`createItem` in a simulation). */
export type CreateItem = (idempotencyKey: string, item: NewItem) => Promise<{ itemId: string }>;

/** How fast the client system sends items. */
export interface ClientPace {
  /** The mean rate of new orders; 0 sends none (after the backlog). */
  readonly itemsPerMinute: number;
  /** Orders queued before the start, as a dispatcher finds them in the morning; sent first. */
  readonly backlog?: number;
  /**
   * Seconds from the start before the backlog goes out (default 0): a dispatcher allocates the
   * queued orders once the drivers are on duty and their vehicles' positions are known, so each
   * goes to a vehicle near it rather than to whoever started first.
   */
  readonly backlogAfterSeconds?: number;
}

/** What the client bot reports. */
export interface ClientEvents {
  onCreated?(itemId: string): void;
  onError?(error: unknown): void;
}

const MIN_DROPOFF_METRES = 500;
const MAX_DROPOFF_METRES = 2_000;
const ATTEMPTS = 3;
/** Seconds between two backlog items: spread over the first seconds, not a burst of requests. */
const BACKLOG_GAP = { min: 0.3, max: 0.5 } as const;

/**
 * A client system (a web shop) sending delivery items: first its backlog, one every 0.3–0.5 s,
 * then at a steady rate. Each item has a fresh `Idempotency-Key` that every retry of the same item
 * reuses — so a lost answer never makes a second item.
 * @example
 * const bot = new ClientBot(create, grid, plane, random, { itemsPerMinute: 6, backlog: 5 });
 * setInterval(() => bot.tick(0.1), 100);
 */
export class ClientBot {
  private readonly itemsPerMinute: number;
  /** When each backlog item not yet sent is due, in seconds from the start, earliest first. */
  private readonly backlogDue: number[] = [];
  private elapsed = 0;
  private untilNext: number;
  private sequence = 0;

  constructor(
    private readonly create: CreateItem,
    private readonly grid: CityGrid,
    private readonly plane: LocalPlane,
    private readonly random: Random,
    pace: ClientPace,
    private readonly events: ClientEvents = {},
  ) {
    this.itemsPerMinute = pace.itemsPerMinute;
    let due = pace.backlogAfterSeconds ?? 0;
    for (let index = 0; index < (pace.backlog ?? 0); index += 1) {
      if (index > 0) due += random.between(BACKLOG_GAP.min, BACKLOG_GAP.max);
      this.backlogDue.push(due);
    }
    // After a backlog the next order is an ordinary gap later; without one, half a gap, so that
    // something happens soon after the start.
    this.untilNext = this.backlogDue.length > 0 ? due + this.interval() : this.interval() / 2;
  }

  /** Advances the bot by `seconds`; sends what is due, backlog items first. */
  tick(seconds: number): void {
    this.elapsed += seconds;
    while ((this.backlogDue[0] ?? Number.POSITIVE_INFINITY) <= this.elapsed) {
      this.backlogDue.shift();
      void this.send(this.nextItem());
    }
    if (this.itemsPerMinute <= 0) return;
    this.untilNext -= seconds;
    while (this.untilNext <= 0) {
      this.untilNext += this.interval();
      void this.send(this.nextItem());
    }
  }

  /** Sends one item, retrying with the same key; resolves with its id, or undefined after the last attempt. */
  async send(item: NewItem, key = randomUUID()): Promise<string | undefined> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        const { itemId } = await this.create(key, item);
        this.events.onCreated?.(itemId);
        return itemId;
      } catch (error) {
        const status = (error as { status?: number }).status ?? 0;
        if ((status >= 400 && status < 500 && status !== 429) || attempt === ATTEMPTS) {
          this.events.onError?.(error);
          return undefined;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
    return undefined;
  }

  /** A random item: pickup on a street of the city, drop-off 0.5–2 km away, due within two hours. */
  nextItem(): NewItem {
    this.sequence += 1;
    const pickup = randomStreetPoint(this.grid, this.random, this.grid.radiusMetres * 0.8);
    let dropoff: Metres = pickup;
    for (let tries = 0; tries < 50; tries += 1) {
      dropoff = randomStreetPoint(this.grid, this.random);
      const distance = Math.hypot(dropoff.x - pickup.x, dropoff.y - pickup.y);
      if (distance >= MIN_DROPOFF_METRES && distance <= MAX_DROPOFF_METRES) break;
    }
    const now = Date.now();
    return {
      reference: `SIM-${now.toString(36).toUpperCase()}-${this.sequence}`,
      pickup: this.place(pickup),
      dropoff: this.place(dropoff),
      window: { from: new Date(now).toISOString(), to: new Date(now + 2 * 3_600_000).toISOString() },
      size: { weightKg: Math.round(this.random.between(0.5, 25) * 10) / 10 },
    };
  }

  private place(point: Metres): NewItem['pickup'] {
    const { lat, lon } = this.plane.toLatLon(point);
    return {
      lat: Number(lat.toFixed(6)),
      lon: Number(lon.toFixed(6)),
      address: `${1 + this.random.index(200)} Simulated Street`,
    };
  }

  private interval(): number {
    // Exponential gaps: items arrive as independent orders do, at the configured mean rate.
    return (-Math.log(Math.max(this.random.next(), 1e-6)) * 60) / this.itemsPerMinute;
  }
}
