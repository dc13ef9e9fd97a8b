import { describe, expect, it } from 'vitest';
import { mapSettled } from '../../src/domain/bounded-concurrency.js';
import type { Connection, Subscriber } from '../../src/domain/connection.js';
import { fanOutEvent, fanOutPositions } from '../../src/domain/fan-out.js';
import type { ConnectionStore, Pusher, PushOutcome } from '../../src/domain/ports.js';

const ACME = '0b9e6f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const GLOBEX = '1c0f7a8b-2d3e-4f5a-9b0c-1d2e3f4a5b6c';

/** The connections table in memory. */
class MemoryStore implements ConnectionStore {
  readonly rows: Subscriber[];
  lookups = 0;

  constructor(rows: Subscriber[]) {
    this.rows = rows;
  }
  async add(connection: Connection): Promise<void> {
    this.rows.push(connection);
  }
  async remove(ids: readonly string[]): Promise<number> {
    const before = this.rows.length;
    this.rows.splice(0, this.rows.length, ...this.rows.filter((row) => !ids.includes(row.connectionId)));
    return before - this.rows.length;
  }
  async subscribersOf(orgIds: readonly string[]): Promise<Subscriber[]> {
    this.lookups += 1;
    return this.rows.filter((row) => orgIds.includes(row.orgId));
  }
}

/** The @connections API: records frames; some connections are gone, some fail. */
function pusher(outcomes: Record<string, PushOutcome | Error> = {}): Pusher & { sent: [string, string][] } {
  const sent: [string, string][] = [];
  return {
    sent,
    push: async (connectionId, data) => {
      const outcome = outcomes[connectionId] ?? 'delivered';
      if (outcome instanceof Error) throw outcome;
      if (outcome === 'delivered') sent.push([connectionId, data]);
      return outcome;
    },
  };
}

const fix = (vehicleId: string) => ({
  vehicleId,
  deviceId: 'd',
  lat: 1,
  lon: 2,
  fixTime: '2026-11-28T10:00:00Z',
  speedKph: null,
  heading: null,
});

describe('fanOutPositions', () => {
  it('sends each connection its organisation’s positions once, looking connections up once', async () => {
    // Prepare
    const store = new MemoryStore([
      { connectionId: 'a1', orgId: ACME },
      { connectionId: 'a2', orgId: ACME },
      { connectionId: 'g1', orgId: GLOBEX },
    ]);
    const api = pusher();

    // Act
    const report = await fanOutPositions({ store, pusher: api, concurrency: 4 }, [
      { orgId: ACME, positions: [fix('a'), fix('b')], messageIds: ['m1', 'm2'] },
      { orgId: GLOBEX, positions: [fix('z')], messageIds: ['m3'] },
    ]);

    // Assess
    expect(store.lookups).toBe(1);
    expect(api.sent.map(([id]) => id).sort()).toEqual(['a1', 'a2', 'g1']);
    expect(JSON.parse(api.sent.find(([id]) => id === 'g1')?.[1] ?? '')).toEqual({
      type: 'positions',
      positions: [fix('z')],
    });
    expect(report).toMatchObject({ delivered: 3, gone: 0, failedMessageIds: [] });
  });

  it('forgets gone connections and reports the messages of an organisation whose push failed', async () => {
    // Prepare
    const store = new MemoryStore([
      { connectionId: 'a1', orgId: ACME },
      { connectionId: 'a2', orgId: ACME },
      { connectionId: 'g1', orgId: GLOBEX },
    ]);
    const api = pusher({ a2: 'gone', g1: new Error('LimitExceededException') });

    // Act
    const report = await fanOutPositions({ store, pusher: api, concurrency: 2 }, [
      { orgId: ACME, positions: [fix('a')], messageIds: ['m1'] },
      { orgId: GLOBEX, positions: [fix('z')], messageIds: ['m2', 'm3'] },
    ]);

    // Assess
    expect(store.rows.map((row) => row.connectionId)).toEqual(['a1', 'g1']);
    expect(report).toMatchObject({ delivered: 1, gone: 1, failedMessageIds: ['m2', 'm3'] });
  });
});

describe('fanOutEvent', () => {
  it('pushes to the organisation’s connections and fails, after the others, when a push failed', async () => {
    // Prepare
    const store = new MemoryStore([
      { connectionId: 'a1', orgId: ACME },
      { connectionId: 'a2', orgId: ACME },
      { connectionId: 'g1', orgId: GLOBEX },
    ]);
    const api = pusher({ a1: new Error('InternalServerErrorException') });
    const event = { id: '7', type: 'itemCreated', time: '2026-11-28T10:00:00Z', detail: { orgId: ACME } };

    // Act
    const pushing = fanOutEvent({ store, pusher: api, concurrency: 8 }, ACME, event);

    // Assess
    await expect(pushing).rejects.toMatchObject({
      code: 'PUSH_FAILED',
      message: '1 of 2 pushes of event 7 failed',
    });
    expect(api.sent).toEqual([['a2', JSON.stringify({ type: 'event', event })]]);
  });
});

describe('mapSettled', () => {
  it('never runs more than the limit at once, and keeps the order of results', async () => {
    // Prepare
    let running = 0;
    let peak = 0;

    // Act
    const results = await mapSettled([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      if (n === 0) throw new Error('zero');
      return n * 10;
    });

    // Assess
    expect(peak).toBe(3);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : 'failed'))).toEqual([
      50,
      10,
      40,
      20,
      30,
      'failed',
      60,
    ]);
  });
});
