import { describe, expect, it } from 'vitest';
import { cityGrid } from '../../src/simulator/city-grid.js';
import { ClientBot } from '../../src/simulator/client-bot.js';
import { FleetApiError, type NewItem } from '../../src/simulator/fleet-api.js';
import { localPlane } from '../../src/simulator/local-plane.js';
import { type Random, seededRandom } from '../../src/simulator/random.js';

const plane = localPlane({ lat: 52.52, lon: 13.405 });

function bot(
  create: (key: string, item: NewItem) => Promise<{ itemId: string }>,
  perMinute = 60,
  backlog = 0,
  random: Random = seededRandom(5),
) {
  return new ClientBot(create, cityGrid(2500, seededRandom(5)), plane, random, {
    itemsPerMinute: perMinute,
    backlog,
  });
}

/** Randomness that always draws e⁻¹: every exponential gap is exactly the mean, 60 / rate seconds. */
const meanGaps: Random = {
  next: () => Math.exp(-1),
  between: (min, max) => min + (max - min) * Math.exp(-1),
  index: (count) => Math.floor(count * Math.exp(-1)),
  chance: (probability) => Math.exp(-1) < probability,
  gaussian: () => 0,
};

/** A create function that records each call's key and answers with a fresh item id. */
function recorder() {
  const keys: string[] = [];
  const create = async (key: string) => {
    keys.push(key);
    return { itemId: `item-${keys.length}` };
  };
  return { keys, create };
}

/** Ticks the bot by a quarter of a second `count` times; returns how many items each tick sent. */
function quarterTicks(client: ClientBot, keys: string[], count: number): number[] {
  const perTick: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const before = keys.length;
    client.tick(0.25);
    perTick.push(keys.length - before);
  }
  return perTick;
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

  it('sends a backlog of N items one by one within the first seconds, each with its own key', () => {
    const { keys, create } = recorder();
    // Two a minute: the first regular item is half a minute or so away, far beyond the backlog.
    const client = bot(create, 2, 5, meanGaps);
    const perTick = quarterTicks(client, keys, 12);
    expect(keys).toHaveLength(5);
    expect(Math.max(...perTick)).toBe(1);
    expect(new Set(keys).size).toBe(5);
  });

  it.each([1, 5, 40])('sends exactly %i backlog items, spaced by seeded gaps', (backlog) => {
    const { keys, create } = recorder();
    const client = bot(create, 0.01, backlog);
    quarterTicks(client, keys, Math.ceil(backlog * 0.5 * 4) + 4);
    expect(keys).toHaveLength(backlog);
    expect(new Set(keys).size).toBe(backlog);
  });

  it('counts each backlog item as created, like any other', async () => {
    const created: string[] = [];
    const random = seededRandom(5);
    const client = new ClientBot(
      recorder().create,
      cityGrid(2500, random),
      plane,
      random,
      { itemsPerMinute: 0, backlog: 3 },
      { onCreated: (itemId) => created.push(itemId) },
    );
    for (let second = 0; second < 5; second += 1) client.tick(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(created).toEqual(['item-1', 'item-2', 'item-3']);
  });

  it('sends the first regular item one whole gap after the last backlog item', () => {
    const { keys, create } = recorder();
    // Mean gaps at two a minute: 30 s. The backlog's five items go out by 1.5 s.
    const client = bot(create, 2, 5, meanGaps);
    quarterTicks(client, keys, 30 * 4);
    expect(keys).toHaveLength(5);
    quarterTicks(client, keys, 2 * 4);
    expect(keys).toHaveLength(6);
  });

  it('without a backlog sends nothing until half a gap has passed, then the first item', () => {
    const { keys, create } = recorder();
    const client = bot(create, 2, 0, meanGaps);
    quarterTicks(client, keys, 14 * 4);
    expect(keys).toHaveLength(0);
    quarterTicks(client, keys, 2 * 4);
    expect(keys).toHaveLength(1);
  });

  it('holds the backlog until the time it is told, then sends it, and the next item a gap later', () => {
    const { keys, create } = recorder();
    const client = new ClientBot(create, cityGrid(2500, seededRandom(5)), plane, meanGaps, {
      itemsPerMinute: 2,
      backlog: 3,
      backlogAfterSeconds: 25,
    });
    quarterTicks(client, keys, 24 * 4);
    expect(keys).toHaveLength(0);
    quarterTicks(client, keys, 3 * 4);
    expect(keys).toHaveLength(3);
    // The backlog ended near 25.8 s; the first regular item is due 30 s after that.
    quarterTicks(client, keys, 28 * 4);
    expect(keys).toHaveLength(3);
    quarterTicks(client, keys, 4 * 4);
    expect(keys).toHaveLength(4);
  });

  it('continues at its rate after the backlog', () => {
    const { keys, create } = recorder();
    const client = bot(create, 6, 5);
    for (let second = 0; second < 3600; second += 1) client.tick(1);
    // 5 queued, then 6 a minute for an hour: 365 expected; exponential gaps vary it a little.
    expect(keys.length).toBeGreaterThan(305);
    expect(keys.length).toBeLessThan(425);
  });
});
