import { describe, expect, it } from 'vitest';
import {
  type FleetEvent,
  type IngestionStore,
  ingest,
  type TrackedPosition,
} from '../../src/domain/index.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const POSITION: TrackedPosition = {
  deviceId: '6f1c2a3b-0000-4000-8000-000000000001',
  orgId: 'org-a',
  vehicleId: 'van-1',
  fixTime: new Date('2024-05-01T11:59:00Z'),
  latitude: 52.5,
  longitude: 13.4,
  valid: true,
  speedKnots: null,
  speedKph: null,
  course: null,
  altitude: null,
  accuracy: null,
  battery: null,
  charging: null,
  attributes: {},
};

/** A store that plans, tells which positions became latest, then commits or fails. */
function store(commit: 'commits' | 'fails'): IngestionStore {
  return {
    record: async (positions, _devices, _receivedAt, plan, stored) => {
      plan({ inserted: positions, motion: new Map(), presence: new Map() });
      stored?.(positions);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (commit === 'fails') throw new Error('COMMIT failed');
      return { inserted: positions, latest: positions };
    },
  };
}

describe('ingest', () => {
  it('sends the feed while the transaction ends, and posts events only once it committed', async () => {
    // Prepare
    const order: string[] = [];
    const ports = (commit: 'commits' | 'fails') => ({
      store: store(commit),
      events: {
        publish: async (events: readonly FleetEvent[]) => {
          order.push(`events ${events.map((event) => event.type).join()}`);
        },
      },
      feed: {
        send: async () => {
          order.push('feed');
        },
      },
    });

    // Act
    const stored = await ingest(ports('commits'), [POSITION], NOW);
    const failed = await ingest(ports('fails'), [POSITION], NOW).catch((error: unknown) => error);

    // Assess
    expect(stored).toEqual({ accepted: 1, duplicates: 0 });
    expect(failed).toBeInstanceOf(Error);
    // The first request's deviceOnline after its feed; the failed one sent its feed but no event.
    expect(order).toEqual(['feed', 'events deviceOnline', 'feed']);
  });
});
