import { describe, expect, it } from 'vitest';
import { cityGrid } from '../../src/simulator/city-grid.js';
import { ClientBot } from '../../src/simulator/client-bot.js';
import { FleetApiError, type NewItem } from '../../src/simulator/fleet-api.js';
import { localPlane } from '../../src/simulator/local-plane.js';
import { seededRandom } from '../../src/simulator/random.js';

const plane = localPlane({ lat: 52.52, lon: 13.405 });

function bot(create: (key: string, item: NewItem) => Promise<{ itemId: string }>, perMinute = 60) {
  const random = seededRandom(5);
  return new ClientBot(create, cityGrid(2500, random), plane, random, perMinute);
}

describe('the client bot', () => {
  it('retries a failed request with the same idempotency key and item', async () => {
    const seen: { key: string; item: NewItem }[] = [];
    const client = bot(async (key, item) => {
      seen.push({ key, item });
      if (seen.length < 3) throw new FleetApiError('POST /items', 503, 'HTTP_ERROR', 'unavailable');
      return { itemId: 'item-1' };
    });
    expect(await client.send(client.nextItem())).toBe('item-1');
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((call) => call.key)).size).toBe(1);
    expect(seen[1]?.item).toEqual(seen[0]?.item);
  });

  it('does not retry a refusal (4xx)', async () => {
    let calls = 0;
    const client = bot(async () => {
      calls += 1;
      throw new FleetApiError('POST /items', 400, 'INVALID_ITEM', 'bad');
    });
    expect(await client.send(client.nextItem())).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('makes items the items service accepts: drop-off 0.5–2 km from pickup, a future window', () => {
    const client = bot(async () => ({ itemId: 'x' }));
    for (let index = 0; index < 50; index += 1) {
      const item = client.nextItem();
      const a = plane.toMetres(item.pickup);
      const b = plane.toMetres(item.dropoff);
      const distance = Math.hypot(b.x - a.x, b.y - a.y);
      expect(distance).toBeGreaterThanOrEqual(500);
      expect(distance).toBeLessThanOrEqual(2000);
      expect(Date.parse(item.window.to)).toBeGreaterThan(Date.parse(item.window.from));
      expect(item.size.weightKg).toBeGreaterThan(0);
      expect(item.pickup.address).toMatch(/Simulated Street$/);
    }
  });

  it('creates items at about the configured rate', () => {
    let created = 0;
    const client = bot(async () => {
      created += 1;
      return { itemId: 'x' };
    }, 6);
    for (let second = 0; second < 3600; second += 1) client.tick(1);
    // 6 a minute for an hour: 360 expected; exponential gaps vary it a little.
    expect(created).toBeGreaterThan(300);
    expect(created).toBeLessThan(420);
  });
});
