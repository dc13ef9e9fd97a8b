import { headingDegrees, type Metres } from './local-plane.js';
import type { Random } from './random.js';

/** How a vehicle drives in town. */
export const DRIVING = {
  minCruiseKph: 20,
  maxCruiseKph: 50,
  turnKph: 15,
  accelerationMps2: 1.5,
  brakingMps2: 2.5,
  /** The chance of stopping at a crossing (lights, give way), and for how long. */
  stopChance: 0.25,
  minStopSeconds: 5,
  maxStopSeconds: 25,
} as const;

const KPH = 1 / 3.6;
const STEP_SECONDS = 0.25;

/** Where a driving vehicle is now. */
export interface DrivingState {
  readonly position: Metres;
  /** Degrees from north; the direction of the street the vehicle is on. */
  readonly heading: number;
  readonly speedMps: number;
  readonly arrived: boolean;
}

function turnDegrees(a: Metres, b: Metres, c: Metres): number {
  const change = Math.abs(headingDegrees(b, c) - headingDegrees(a, b)) % 360;
  return change > 180 ? 360 - change : change;
}

/**
 * A vehicle driving a route: accelerates to a cruising speed chosen per street, brakes for turns
 * and for stops at some crossings, and arrives at the last point at rest.
 * @example
 * const drive = new Drive(route, random);
 * drive.advance(1); // one second later
 * drive.state.position;
 */
export class Drive {
  private segment = 0;
  private along = 0;
  private speed = 0;
  private cruise: number;
  private waitSeconds = 0;
  private stopAtEnd: boolean;

  constructor(
    private readonly route: readonly Metres[],
    private readonly random: Random,
  ) {
    this.cruise = this.randomCruise();
    this.stopAtEnd = this.decideStop();
  }

  get state(): DrivingState {
    const from = this.route[this.segment] ?? this.route[this.route.length - 1] ?? { x: 0, y: 0 };
    const to = this.route[this.segment + 1];
    if (!to) return { position: from, heading: this.lastHeading(), speedMps: 0, arrived: true };
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const share = length === 0 ? 1 : this.along / length;
    return {
      position: { x: from.x + (to.x - from.x) * share, y: from.y + (to.y - from.y) * share },
      heading: headingDegrees(from, to),
      speedMps: this.speed,
      arrived: false,
    };
  }

  /** Moves the vehicle on by `seconds` of driving. */
  advance(seconds: number): void {
    for (let left = seconds; left > 1e-9 && !this.state.arrived; left -= STEP_SECONDS)
      this.step(Math.min(STEP_SECONDS, left));
  }

  private step(dt: number): void {
    if (this.waitSeconds > 0) {
      this.waitSeconds = Math.max(0, this.waitSeconds - dt);
      return;
    }
    const from = this.route[this.segment] as Metres;
    const to = this.route[this.segment + 1] as Metres;
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const remaining = length - this.along;
    const endSpeed = this.endSpeed();
    const brakingDistance = (this.speed ** 2 - endSpeed ** 2) / (2 * DRIVING.brakingMps2);
    if (remaining <= brakingDistance) this.speed = Math.max(endSpeed, this.speed - DRIVING.brakingMps2 * dt);
    else this.speed = Math.min(this.cruise, this.speed + DRIVING.accelerationMps2 * dt);
    // Creep rather than stall a few centimetres short of a stop line.
    const moved = Math.max(this.speed, 0.5) * dt;
    if (moved < remaining) {
      this.along += moved;
      return;
    }
    this.segment += 1;
    this.along = 0;
    if (this.stopAtEnd || this.segment >= this.route.length - 1) {
      this.speed = 0;
      if (this.segment < this.route.length - 1)
        this.waitSeconds = this.random.between(DRIVING.minStopSeconds, DRIVING.maxStopSeconds);
    } else this.speed = Math.min(this.speed, endSpeed);
    this.cruise = this.randomCruise();
    this.stopAtEnd = this.decideStop();
  }

  /** The speed to be at when reaching the end of the current street. */
  private endSpeed(): number {
    const next = this.route[this.segment + 2];
    if (!next || this.stopAtEnd) return 0;
    const turn = turnDegrees(
      this.route[this.segment] as Metres,
      this.route[this.segment + 1] as Metres,
      next,
    );
    return turn > 30 ? DRIVING.turnKph * KPH : this.cruise;
  }

  private randomCruise(): number {
    return this.random.between(DRIVING.minCruiseKph, DRIVING.maxCruiseKph) * KPH;
  }

  private decideStop(): boolean {
    return this.random.chance(DRIVING.stopChance);
  }

  private lastHeading(): number {
    const last = this.route[this.route.length - 1];
    const before = this.route[this.route.length - 2];
    return last && before ? headingDegrees(before, last) : 0;
  }
}
