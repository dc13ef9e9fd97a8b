import { describe, expect, it } from 'vitest';
import { cityGrid, randomStreetPoint } from '../../src/simulator/city-grid.js';
import { DEFAULT_HABITS, DriverBot, type DriverPort } from '../../src/simulator/driver-bot.js';
import { type DriverItem, FleetApiError, type Offer } from '../../src/simulator/fleet-api.js';
import { localPlane } from '../../src/simulator/local-plane.js';
import { seededRandom } from '../../src/simulator/random.js';

const plane = localPlane({ lat: 52.52, lon: 13.405 });

/**
 * The services' side of a driver's day, in memory: one offer, which becomes the driver's item when
 * accepted. It records every call so the test can check the bot's order of work.
 */
class FleetDesk implements DriverPort {
  readonly calls: string[] = [];
  onDuty = false;
  offers: Offer[] = [];
  items: DriverItem[] = [];
  failNextPickup = false;

  constructor(private readonly item: DriverItem) {}

  async goOnDuty(onDuty: boolean) {
    this.calls.push(`duty ${onDuty}`);
    this.onDuty = onDuty;
  }
  async openOffers() {
    return this.offers;
  }
  async answer(offerId: string, accept: boolean) {
    this.calls.push(`${accept ? 'accept' : 'reject'} ${offerId}`);
    this.offers = [];
    if (accept) this.items = [{ ...this.item, status: 'allocated' }];
  }
  async myItems() {
    return this.items;
  }
  async pickUp(itemId: string) {
    this.calls.push(`pickup ${itemId}`);
    if (this.failNextPickup) {
      this.failNextPickup = false;
      this.items = [];
      throw new FleetApiError('POST /items/driver/{id}/pickup', 409, 'ITEM_CANCELLED', 'cancelled');
    }
    this.items = this.items.map((item) => ({ ...item, status: 'picked_up' }));
  }
  async deliver(itemId: string) {
    this.calls.push(`deliver ${itemId}`);
    this.items = [];
  }
}

async function run(bot: DriverBot, seconds: number): Promise<void> {
  for (let second = 0; second < seconds; second += 1) {
    bot.tick(1);
    await bot.settle();
  }
}

function setUp(rejectRate: number) {
  const random = seededRandom(11);
  const grid = cityGrid(2000, random);
  const pickup = plane.toLatLon(randomStreetPoint(grid, random, 800));
  const dropoff = plane.toLatLon(randomStreetPoint(grid, random, 800));
  const desk = new FleetDesk({
    itemId: 'item-1',
    status: 'allocated',
    pickup: { ...pickup, address: '1 Pickup Street' },
    dropoff: { ...dropoff, address: '2 Dropoff Street' },
  });
  const errors: string[] = [];
  let delivered = 0;
  const bot = new DriverBot(
    desk,
    grid,
    plane,
    random,
    randomStreetPoint(grid, random, 800),
    { ...DEFAULT_HABITS, rejectRate },
    { onError: (kind) => errors.push(kind), onDelivered: () => (delivered += 1) },
  );
  return { bot, desk, errors, pickup, dropoff, delivered: () => delivered };
}

describe('a driver bot', () => {
  it('goes on duty, accepts an offer, drives to the pickup and the drop-off, and delivers', async () => {
    const { bot, desk, errors, dropoff, delivered } = setUp(0);
    await run(bot, 3);
    expect(desk.onDuty).toBe(true);
    expect(bot.phase).toBe('idle');
    desk.offers = [{ offerId: 'item-1:1', itemId: 'item-1' }];
    await run(bot, 3);
    expect(desk.calls).toContain('accept item-1:1');
    await run(bot, 3);
    expect(bot.phase).toBe('toPickup');
    expect(bot.busy).toBe(true);
    await run(bot, 2 * 3600);
    expect(desk.calls).toEqual(['duty true', 'accept item-1:1', 'pickup item-1', 'deliver item-1']);
    expect(delivered()).toBe(1);
    expect(bot.phase).toBe('idle');
    const at = plane.toLatLon(bot.whereabouts.position);
    // Delivered at the door, then idle (it may have started to roam).
    expect(errors).toEqual([]);
    expect(Math.abs(at.lat - dropoff.lat) + Math.abs(at.lon - dropoff.lon)).toBeLessThan(0.05);
  });

  it('rejects offers at its reject rate and stays idle', async () => {
    const { bot, desk } = setUp(1);
    await run(bot, 3);
    desk.offers = [{ offerId: 'item-1:1', itemId: 'item-1' }];
    await run(bot, 5);
    expect(desk.calls).toContain('reject item-1:1');
    expect(bot.phase).toBe('idle');
  });

  it('goes back to idle and reports the error when its item cannot be picked up', async () => {
    const { bot, desk, errors } = setUp(0);
    await run(bot, 3);
    desk.offers = [{ offerId: 'item-1:1', itemId: 'item-1' }];
    desk.failNextPickup = true;
    await run(bot, 2 * 3600);
    expect(errors).toEqual(['POST /items/driver/{id}/pickup 409']);
    expect(bot.phase).toBe('idle');
    expect(desk.calls).not.toContain('deliver item-1');
  });

  it('goes off duty', async () => {
    const { bot, desk } = setUp(0);
    await run(bot, 2);
    await bot.offDuty();
    expect(desk.onDuty).toBe(false);
    expect(bot.phase).toBe('offDuty');
  });
});
