import { describe, expect, it } from 'vitest';
import type { FeedPosition } from '../../src/domain/position-feed.js';
import { eventFrame, positionFrames } from '../../src/domain/server-messages.js';

const positions = (count: number): FeedPosition[] =>
  Array.from({ length: count }, (_, index) => ({
    vehicleId: `vehicle-${index}`,
    deviceId: `device-${index}`,
    lat: 51.5,
    lon: -0.1,
    fixTime: '2026-11-28T10:00:00Z',
    speedKph: 40,
    heading: 90,
  }));

describe('positionFrames', () => {
  it('sends an organisation’s positions in one frame', () => {
    // Act
    const frames = positionFrames(positions(800));

    // Assess
    expect(frames).toHaveLength(1);
    expect(JSON.parse(frames[0] ?? '')).toEqual({ type: 'positions', positions: positions(800) });
  });

  it('splits only what would pass API Gateway’s frame limit, over as few frames as fit', () => {
    // Prepare
    const all = positions(3000);

    // Act
    const frames = positionFrames(all);

    // Assess
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.every((frame) => Buffer.byteLength(frame) <= 128 * 1024)).toBe(true);
    expect(frames.flatMap((frame) => (JSON.parse(frame) as { positions: FeedPosition[] }).positions)).toEqual(
      all,
    );
    expect(frames.length).toBe(Math.ceil(Buffer.byteLength(JSON.stringify(all)) / (128 * 1024)));
  });
});

describe('eventFrame', () => {
  it('keeps the id, type, time and detail of the envelope, not its tracing fields', () => {
    // Act
    const frame = eventFrame({
      id: '42',
      type: 'vehicleMoving',
      time: '2026-11-28T10:00:00Z',
      detail: { vehicleId: 'v' },
      correlationId: 'c',
      source: 'tracking',
    } as Parameters<typeof eventFrame>[0]);

    // Assess
    expect(JSON.parse(frame)).toEqual({
      type: 'event',
      event: { id: '42', type: 'vehicleMoving', time: '2026-11-28T10:00:00Z', detail: { vehicleId: 'v' } },
    });
  });
});
