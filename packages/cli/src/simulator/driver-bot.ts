import { type CityGrid, randomStreetPoint } from './city-grid.js';
import { Drive } from './driving.js';
import type { DriverItem, Offer } from './fleet-api.js';
import type { LocalPlane, Metres } from './local-plane.js';
import type { Random } from './random.js';
import { streetRoute } from './street-route.js';

/** What a driver bot does through the fleet's API (a {@link DriverApi} in a simulation). */
export interface DriverPort {
  goOnDuty(onDuty: boolean): Promise<void>;
  openOffers(): Promise<Offer[]>;
  answer(offerId: string, accept: boolean): Promise<void>;
  myItems(): Promise<DriverItem[]>;
  pickUp(itemId: string): Promise<void>;
  deliver(itemId: string): Promise<void>;
}

/** What a driver is doing. */
export type DriverPhase = 'offDuty' | 'idle' | 'toPickup' | 'loading' | 'toDropoff' | 'unloading';

/** How a driver behaves. */
export interface DriverHabits {
  /** The share of offers rejected. */
  readonly rejectRate: number;
  readonly offerPollSeconds: number;
  /** Time at the door for a pickup or a drop-off. */
  readonly handlingSeconds: number;
  /** How far from their base an idle driver wanders. */
  readonly roamMetres: number;
}

/** Default {@link DriverHabits}. */
export const DEFAULT_HABITS: DriverHabits = {
  rejectRate: 0.15,
  offerPollSeconds: 2,
  handlingSeconds: 15,
  roamMetres: 800,
};

/** What a driver bot reports as it goes. */
export interface DriverEvents {
  onOffer?(accepted: boolean): void;
  onPickedUp?(): void;
  onDelivered?(): void;
  onError?(kind: string, error: unknown): void;
}

/**
 * A driver with their vehicle: goes on duty, roams near base while idle, answers offers, drives
 * to the pickup and the drop-off along the streets and moves the item forward through the API.
 * `tick` is called every simulated second; API calls never overlap.
 * @example
 * const bot = new DriverBot(api, grid, plane, random, start, DEFAULT_HABITS, events);
 * setInterval(() => bot.tick(1), 1000);
 */
export class DriverBot {
  phase: DriverPhase = 'offDuty';
  private drive: Drive | undefined;
  private position: Metres;
  private heading = 0;
  private item: DriverItem | undefined;
  private waitSeconds = 0;
  private sincePoll = Number.POSITIVE_INFINITY;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly api: DriverPort,
    private readonly grid: CityGrid,
    private readonly plane: LocalPlane,
    private readonly random: Random,
    private readonly base: Metres,
    private readonly habits: DriverHabits = DEFAULT_HABITS,
    private readonly events: DriverEvents = {},
  ) {
    this.position = base;
  }

  /** Where the vehicle is, where it heads and how fast it goes (m/s). */
  get whereabouts(): { position: Metres; heading: number; speedMps: number } {
    const state = this.drive?.state;
    return state
      ? { position: state.position, heading: state.heading, speedMps: state.speedMps }
      : { position: this.position, heading: this.heading, speedMps: 0 };
  }

  get busy(): boolean {
    return this.phase !== 'offDuty' && this.phase !== 'idle';
  }

  /** Advances the bot by `seconds`: drives, waits at doors, and starts an API call when one is due. */
  tick(seconds: number): void {
    if (this.drive) {
      this.drive.advance(seconds);
      const state = this.drive.state;
      this.position = state.position;
      this.heading = state.heading;
    }
    this.waitSeconds = Math.max(0, this.waitSeconds - seconds);
    this.sincePoll += seconds;
    if (this.pending) return;
    const step = this.nextStep();
    if (step)
      this.pending = step
        .catch((error: unknown) => this.events.onError?.(errorKind(error), error))
        .finally(() => {
          this.pending = undefined;
        });
  }

  /** Takes the driver off duty (the end of a shift, or of a simulation). */
  async offDuty(): Promise<void> {
    if (this.phase === 'offDuty') return;
    this.phase = 'offDuty';
    await this.api.goOnDuty(false);
  }

  /** Waits for the API call in flight, if any (for a clean stop). */
  async settle(): Promise<void> {
    await this.pending;
  }

  private arrived(): boolean {
    return !this.drive || this.drive.state.arrived;
  }

  private nextStep(): Promise<void> | undefined {
    switch (this.phase) {
      case 'offDuty':
        return this.api.goOnDuty(true).then(() => {
          this.phase = 'idle';
        });
      case 'idle':
        if (this.arrived() && this.random.chance(0.05)) this.roam();
        if (this.sincePoll < this.habits.offerPollSeconds) return undefined;
        this.sincePoll = 0;
        return this.checkOffers();
      case 'toPickup':
        if (!this.arrived()) return undefined;
        this.phase = 'loading';
        this.waitSeconds = this.habits.handlingSeconds;
        return undefined;
      case 'loading':
        if (this.waitSeconds > 0 || !this.item) return undefined;
        return this.api.pickUp(this.item.itemId).then(() => {
          this.events.onPickedUp?.();
          this.phase = 'toDropoff';
          this.driveTo(this.toPlane(this.item?.dropoff));
        }, this.giveUp);
      case 'toDropoff':
        if (!this.arrived()) return undefined;
        this.phase = 'unloading';
        this.waitSeconds = this.habits.handlingSeconds;
        return undefined;
      case 'unloading':
        if (this.waitSeconds > 0 || !this.item) return undefined;
        return this.api.deliver(this.item.itemId).then(() => {
          this.events.onDelivered?.();
          this.item = undefined;
          this.phase = 'idle';
        }, this.giveUp);
    }
  }

  /** An item that cannot move forward (cancelled meanwhile): back to idle, the error reported. */
  private readonly giveUp = (error: unknown): void => {
    this.item = undefined;
    this.phase = 'idle';
    throw error;
  };

  private async checkOffers(): Promise<void> {
    // An allocation may have been accepted while the answer was in flight: look for work first.
    const items = await this.api.myItems();
    const mine = items.find((item) => item.status === 'allocated' || item.status === 'picked_up');
    if (mine) return this.startItem(mine);
    const [offer] = await this.api.openOffers();
    if (!offer) return;
    const accept = !this.random.chance(this.habits.rejectRate);
    await this.api.answer(offer.offerId, accept);
    this.events.onOffer?.(accept);
  }

  private startItem(item: DriverItem): void {
    this.item = item;
    if (item.status === 'picked_up') {
      this.phase = 'toDropoff';
      this.driveTo(this.toPlane(item.dropoff));
    } else {
      this.phase = 'toPickup';
      this.driveTo(this.toPlane(item.pickup));
    }
  }

  private roam(): void {
    const target = randomStreetPoint(this.grid, this.random);
    const near = {
      x: this.base.x + ((target.x - this.base.x) * this.habits.roamMetres) / this.grid.radiusMetres,
      y: this.base.y + ((target.y - this.base.y) * this.habits.roamMetres) / this.grid.radiusMetres,
    };
    this.driveTo(near);
  }

  private driveTo(target: Metres): void {
    this.drive = new Drive(streetRoute(this.grid, this.position, target, this.random), this.random);
  }

  private toPlane(place: { lat: number; lon: number } | undefined): Metres {
    if (!place) return this.position;
    return this.plane.toMetres(place);
  }
}

/** A short name for an error, to count errors by kind: `POST /items/driver/{id}/pickup 409`. */
export function errorKind(error: unknown): string {
  const { route, status } = error as { route?: string; status?: number };
  if (route && status) return `${route.replace(/\/[0-9a-f-]{8,}[^/]*/gi, '/{id}')} ${status}`;
  return error instanceof Error ? error.name : 'Error';
}
