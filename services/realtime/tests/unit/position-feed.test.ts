import { describe, expect, it } from 'vitest';
import { coalescePositions, type FeedPosition, parseFeedMessage } from '../../src/domain/position-feed.js';

const ACME = '0b9e6f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const GLOBEX = '1c0f7a8b-2d3e-4f5a-9b0c-1d2e3f4a5b6c';

const fix = (vehicleId: string, fixTime: string, extra: Partial<FeedPosition> = {}): FeedPosition => ({
  vehicleId,
  deviceId: `device-of-${vehicleId}`,
  lat: 51.5,
  lon: -0.1,
  fixTime,
  speedKph: null,
  heading: null,
  ...extra,
});

describe('coalescePositions', () => {
  it('keeps the newest fix of each vehicle per organisation, wherever it is in the batch', () => {
    // Prepare
    const batch = [
      {
        messageId: 'm1',
        message: {
          orgId: ACME,
          positions: [fix('a', '2026-11-28T10:00:05Z'), fix('b', '2026-11-28T10:00:01Z')],
        },
      },
      { messageId: 'm2', message: { orgId: GLOBEX, positions: [fix('a', '2026-11-28T09:00:00Z')] } },
      {
        messageId: 'm3',
        message: {
          orgId: ACME,
          positions: [fix('a', '2026-11-28T10:00:02Z'), fix('b', '2026-11-28T10:00:09Z')],
        },
      },
    ];

    // Act
    const result = coalescePositions(batch);

    // Assess
    expect(result).toEqual([
      {
        orgId: ACME,
        positions: [fix('a', '2026-11-28T10:00:05Z'), fix('b', '2026-11-28T10:00:09Z')],
        messageIds: ['m1', 'm3'],
      },
      { orgId: GLOBEX, positions: [fix('a', '2026-11-28T09:00:00Z')], messageIds: ['m2'] },
    ]);
  });

  it('compares fix times as instants, not as text, and lets the later message win a tie', () => {
    // Prepare
    const batch = [
      {
        messageId: 'm1',
        message: { orgId: ACME, positions: [fix('a', '2026-11-28T11:00:00+02:00', { speedKph: 1 })] },
      },
      {
        messageId: 'm2',
        message: { orgId: ACME, positions: [fix('a', '2026-11-28T09:30:00Z', { speedKph: 2 })] },
      },
      {
        messageId: 'm3',
        message: { orgId: ACME, positions: [fix('a', '2026-11-28T09:30:00.000Z', { speedKph: 3 })] },
      },
    ];

    // Act
    const [acme] = coalescePositions(batch);

    // Assess
    expect(acme?.positions).toEqual([fix('a', '2026-11-28T09:30:00.000Z', { speedKph: 3 })]);
  });
});

describe('parseFeedMessage', () => {
  it('reads a feed message, defaulting a missing speed and heading to null', () => {
    // Act
    const parsed = parseFeedMessage(
      JSON.stringify({
        orgId: ACME,
        positions: [{ vehicleId: 'a', deviceId: 'd', lat: 1, lon: 2, fixTime: '2026-11-28T10:00:00Z' }],
      }),
    );

    // Assess
    expect(parsed).toEqual({
      success: true,
      message: {
        orgId: ACME,
        positions: [
          {
            vehicleId: 'a',
            deviceId: 'd',
            lat: 1,
            lon: 2,
            fixTime: '2026-11-28T10:00:00Z',
            speedKph: null,
            heading: null,
          },
        ],
      },
    });
  });

  it.each([
    ['malformed JSON', '{"orgId":', ['body: Malformed JSON']],
    [
      'no organisation',
      JSON.stringify({ positions: [] }),
      ['orgId: Invalid input: expected string, received undefined'],
    ],
    [
      'a latitude out of range and a bad fix time',
      JSON.stringify({
        orgId: ACME,
        positions: [{ vehicleId: 'a', deviceId: 'd', lat: 91, lon: 0, fixTime: 'yesterday' }],
      }),
      ['positions.0.lat: Too big: expected number to be <=90', 'positions.0.fixTime: Invalid ISO datetime'],
    ],
  ])('names what is wrong with %s', (_case, body, problems) => {
    // Act
    const parsed = parseFeedMessage(body);

    // Assess
    expect(parsed).toEqual({ success: false, problems });
  });
});
