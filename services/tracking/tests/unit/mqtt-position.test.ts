import { describe, expect, it } from 'vitest';
import { parseMqttPosition, TRACKING_ERROR } from '../../src/domain/index.js';
import { refusal } from './support/caught.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const message = (overrides: Record<string, unknown> = {}) => ({
  deviceId: '6f1c2a3b-0000-4000-8000-000000000001',
  lat: 52.5,
  lon: 13.4,
  fixTime: '2024-05-01T11:59:00Z',
  ...overrides,
});

describe('parseMqttPosition', () => {
  it('reads the short names a device publishes', () => {
    // Act
    const position = parseMqttPosition(message({ speedKph: 36, heading: 90, battery: 55, accuracy: 4 }), NOW);

    // Assess
    expect(position).toMatchObject({
      latitude: 52.5,
      longitude: 13.4,
      fixTime: new Date('2024-05-01T11:59:00Z'),
      speedKph: 36,
      course: 90,
      battery: 55,
      accuracy: 4,
    });
  });

  it.each([
    ['lat', { lat: 91 }, TRACKING_ERROR.latitudeOutOfRange],
    ['heading', { heading: 400 }, TRACKING_ERROR.invalidField],
    ['lat,lon', { lat: 0, lon: 0 }, TRACKING_ERROR.noFix],
    ['fixTime', { fixTime: 'yesterday' }, TRACKING_ERROR.unparseableTimestamp],
    ['speed', { speed: 3 }, TRACKING_ERROR.unknownField],
    ['lon', { lon: undefined }, TRACKING_ERROR.missingField],
  ])('names %s, as the device spelled it, when it is wrong', (field, overrides, code) => {
    // Act
    const error = refusal(() => parseMqttPosition(message(overrides), NOW));

    // Assess
    expect(error.field).toBe(field);
    expect(error.code).toBe(code);
  });
});
