import { describe, expect, it } from 'vitest';
import { feedMessages, rankNearest, type TrackedPosition } from '../../src/domain/index.js';

describe('rankNearest', () => {
  it('ranks the candidates with a position nearest first and names the others in the order asked', () => {
    // Prepare
    const latest = [
      { vehicleId: 'far', lat: 45.03, lon: 7, fixTime: '2024-05-01T10:00:00.000Z' },
      { vehicleId: 'near', lat: 45.001, lon: 7, fixTime: '2024-05-01T10:00:00.000Z' },
      { vehicleId: 'not-asked', lat: 45, lon: 7, fixTime: '2024-05-01T10:00:00.000Z' },
    ];

    // Act
    const answer = rankNearest(
      { latitude: 45, longitude: 7, vehicleIds: ['ghost', 'far', 'near', 'zombie'] },
      latest,
    );

    // Assess
    expect(answer.vehicles.map((vehicle) => vehicle.vehicleId)).toEqual(['near', 'far']);
    expect(answer.vehicles[0]).toEqual({
      vehicleId: 'near',
      distanceMetres: expect.closeTo(111.2, 0),
      lat: 45.001,
      lon: 7,
      fixTime: '2024-05-01T10:00:00.000Z',
    });
    expect(answer.unknown).toEqual(['ghost', 'zombie']);
  });
});

describe('feedMessages', () => {
  it('sends one message per organisation', () => {
    // Prepare
    const at = (orgId: string, vehicleId: string) =>
      ({
        orgId,
        vehicleId,
        deviceId: `${vehicleId}-device`,
        latitude: 1,
        longitude: 2,
        fixTime: new Date('2024-05-01T10:00:00Z'),
        speedKph: 10,
        course: null,
      }) as unknown as TrackedPosition;

    // Act
    const messages = feedMessages([at('a', 'v1'), at('b', 'v2'), at('a', 'v3')]);

    // Assess
    expect(messages.map((message) => [message.orgId, message.positions.map((p) => p.vehicleId)])).toEqual([
      ['a', ['v1', 'v3']],
      ['b', ['v2']],
    ]);
    expect(messages[0]?.positions[0]).toEqual({
      vehicleId: 'v1',
      deviceId: 'v1-device',
      lat: 1,
      lon: 2,
      fixTime: '2024-05-01T10:00:00.000Z',
      speedKph: 10,
      heading: null,
    });
  });
});
