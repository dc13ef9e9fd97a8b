import { describe, expect, it } from 'vitest';
import {
  destinationPoint,
  distanceMetres,
  initialBearing,
  nearestVehiclesInputSchema,
  orderByDistance,
} from '../../src/domain/index.js';

const BRANDENBURG_GATE = { latitude: 52.516275, longitude: 13.377704 };
const REICHSTAG = { latitude: 52.518623, longitude: 13.376198 };

describe('distanceMetres', () => {
  it.each([
    ['a point to itself', BRANDENBURG_GATE, BRANDENBURG_GATE, 0, 0],
    ['Brandenburg Gate to the Reichstag', BRANDENBURG_GATE, REICHSTAG, 280.3, 0.5],
    [
      'one degree of longitude on the equator',
      { latitude: 0, longitude: 0 },
      { latitude: 0, longitude: 1 },
      111_195,
      1,
    ],
    ['one degree of latitude', { latitude: 10, longitude: 20 }, { latitude: 11, longitude: 20 }, 111_195, 1],
    [
      'London to Paris',
      { latitude: 51.5074, longitude: -0.1278 },
      { latitude: 48.8566, longitude: 2.3522 },
      343_560,
      200,
    ],
    [
      'across the antimeridian',
      { latitude: 0, longitude: 179.5 },
      { latitude: 0, longitude: -179.5 },
      111_195,
      1,
    ],
    ['pole to pole', { latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 }, 20_015_115, 1],
    ['antipodes', { latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 }, 20_015_115, 1],
  ])('measures %s', (_name, from, to, expected, tolerance) => {
    expect(Math.abs(distanceMetres(from, to) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it('is symmetric', () => {
    expect(distanceMetres(BRANDENBURG_GATE, REICHSTAG)).toBeCloseTo(
      distanceMetres(REICHSTAG, BRANDENBURG_GATE),
      9,
    );
  });

  it('resolves a one-metre move, the scale of GPS jitter', () => {
    const oneMetreNorth = { ...BRANDENBURG_GATE, latitude: BRANDENBURG_GATE.latitude + 1 / 111_195 };

    expect(distanceMetres(BRANDENBURG_GATE, oneMetreNorth)).toBeCloseTo(1, 3);
  });
});

describe('initialBearing', () => {
  it.each([
    ['north', { latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }, 0],
    ['east', { latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 }, 90],
    ['south', { latitude: 1, longitude: 0 }, { latitude: 0, longitude: 0 }, 180],
    ['west', { latitude: 0, longitude: 1 }, { latitude: 0, longitude: 0 }, 270],
    [
      'east across the antimeridian',
      { latitude: 0, longitude: 179.5 },
      { latitude: 0, longitude: -179.5 },
      90,
    ],
    [
      'London to Paris',
      { latitude: 51.5074, longitude: -0.1278 },
      { latitude: 48.8566, longitude: 2.3522 },
      148.1,
    ],
    ['a point to itself', BRANDENBURG_GATE, BRANDENBURG_GATE, 0],
  ])('points %s', (_name, from, to, expected) => {
    expect(initialBearing(from, to)).toBeCloseTo(expected, 1);
  });

  it('always answers within [0, 360)', () => {
    for (let longitude = -180; longitude <= 180; longitude += 7.5) {
      const bearing = initialBearing({ latitude: 10, longitude: 0 }, { latitude: -10, longitude });
      expect(bearing).toBeGreaterThanOrEqual(0);
      expect(bearing).toBeLessThan(360);
    }
  });
});

describe('orderByDistance', () => {
  it('ranks vehicles nearest first, with their distance', () => {
    // Prepare
    const candidates = [
      { id: 'far', latitude: 52.53, longitude: 13.41 },
      { id: 'near', ...REICHSTAG },
      { id: 'middle', latitude: 52.52, longitude: 13.39 },
    ];

    // Act
    const ranked = orderByDistance(BRANDENBURG_GATE, candidates);

    // Assess
    expect(ranked.map(({ id }) => id)).toEqual(['near', 'middle', 'far']);
    expect(ranked[0]?.distanceMetres).toBeCloseTo(280.3, 0);
  });

  it('breaks ties by id whatever the input order, so every caller ranks them alike', () => {
    const depot = { latitude: 52.5, longitude: 13.4 };
    const ids = ['van-b', 'Van-a', 'van-a', 'van-10', 'van-9'];

    const forwards = orderByDistance(
      depot,
      ids.map((id) => ({ id, ...depot })),
    );
    const backwards = orderByDistance(
      depot,
      [...ids].reverse().map((id) => ({ id, ...depot })),
    );

    expect(forwards.map(({ id }) => id)).toEqual(['Van-a', 'van-10', 'van-9', 'van-a', 'van-b']);
    expect(backwards.map(({ id }) => id)).toEqual(forwards.map(({ id }) => id));
  });

  it('keeps the fields callers attach to candidates', () => {
    const [first] = orderByDistance(BRANDENBURG_GATE, [{ id: 'v1', ...REICHSTAG, plate: 'B-MC 1' }]);

    expect(first?.plate).toBe('B-MC 1');
  });

  it('answers an empty list for no candidates', () => {
    expect(orderByDistance(BRANDENBURG_GATE, [])).toEqual([]);
  });
});

describe('nearestVehiclesInputSchema', () => {
  it.each([
    ['a point and ids', { latitude: 52.5, longitude: 13.4, vehicleIds: ['v1'] }, true],
    ['a latitude out of range', { latitude: 95, longitude: 13.4, vehicleIds: [] }, false],
    ['no vehicle ids', { latitude: 52.5, longitude: 13.4 }, false],
    ['an unknown field', { latitude: 52.5, longitude: 13.4, vehicleIds: [], radius: 5 }, false],
  ])('accepts only a valid request: %s', (_name, input, valid) => {
    expect(nearestVehiclesInputSchema.safeParse(input).success).toBe(valid);
  });
});

describe('destinationPoint', () => {
  it.each([
    ['east along the equator', { latitude: 0, longitude: 0 }, 90, 111_195, { latitude: 0, longitude: 1 }],
    ['north', { latitude: 10, longitude: 20 }, 0, 111_195, { latitude: 11, longitude: 20 }],
    [
      'across the antimeridian',
      { latitude: 0, longitude: 179.5 },
      90,
      111_195,
      { latitude: 0, longitude: -179.5 },
    ],
  ])('travels %s', (_name, from, bearing, distance, expected) => {
    const to = destinationPoint(from, bearing, distance);

    expect(to.latitude).toBeCloseTo(expected.latitude, 4);
    expect(to.longitude).toBeCloseTo(expected.longitude, 4);
  });

  it.each([0, 45, 133, 270, 359])(
    'is undone by distanceMetres and initialBearing (bearing %s)',
    (bearing) => {
      const to = destinationPoint(BRANDENBURG_GATE, bearing, 2500);

      expect(distanceMetres(BRANDENBURG_GATE, to)).toBeCloseTo(2500, 6);
      expect(initialBearing(BRANDENBURG_GATE, to)).toBeCloseTo(bearing, 6);
    },
  );
});
