import { describe, expect, it } from 'vitest';
import { parseOsmandJson, TRACKING_ERROR } from '../../src/domain/index.js';
import { refusal } from './support/caught.js';

const NOW = new Date('2024-05-01T12:00:00Z');

/** A body as Traccar Client 9 posts it (the SDK's native format, per traccar.org/osmand). */
function traccarBody(location: Record<string, unknown> = {}, root: Record<string, unknown> = {}) {
  return {
    device_id: '48241179',
    location: {
      timestamp: '2024-05-01T10:00:00.000Z',
      coords: { latitude: 52.5163, longitude: 13.3777, accuracy: 5, speed: 10, heading: 90, altitude: 34 },
      is_moving: true,
      odometer: 12345,
      event: 'motionchange',
      battery: { level: 0.76, is_charging: false },
      activity: { type: 'in_vehicle' },
      extras: {},
      ...location,
    },
    ...root,
  };
}

describe('parseOsmandJson', () => {
  it('reads the body Traccar Client 9 posts, converting m/s to knots and battery to percent', () => {
    // Act
    const position = parseOsmandJson(traccarBody(), NOW);

    // Assess
    expect(position).toMatchObject({
      deviceId: '48241179',
      fixTime: new Date('2024-05-01T10:00:00Z'),
      latitude: 52.5163,
      longitude: 13.3777,
      course: 90,
      altitude: 34,
      accuracy: 5,
      battery: 76,
      charging: false,
      attributes: { motion: true, odometer: 12345, event: 'motionchange', activity: 'in_vehicle' },
    });
    expect(position.speedKnots).toBeCloseTo(19.438, 3);
    expect(position.speedKph).toBeCloseTo(36, 9);
  });

  it.each([
    ['speed', { speed: -1 }, 'speedKnots'],
    ['heading', { heading: -1 }, 'course'],
    ['accuracy', { accuracy: -1 }, 'accuracy'],
  ] as const)('reads a negative %s as unknown, as the SDK means it', (_name, coords, field) => {
    const body = traccarBody({ coords: { latitude: 1, longitude: 2, ...coords } });

    expect(parseOsmandJson(body, NOW)[field]).toBeNull();
  });

  it('reads an unknown battery level (-1) as unknown', () => {
    const body = traccarBody({ battery: { level: -1, is_charging: true } });

    expect(parseOsmandJson(body, NOW)).toMatchObject({ battery: null, charging: true });
  });

  it('reads a body with only the required fields', () => {
    const body = {
      device_id: 'x1',
      location: { timestamp: '2024-05-01T10:00:00Z', coords: { latitude: 1, longitude: 2 } },
    };

    expect(parseOsmandJson(body, NOW)).toMatchObject({
      speedKnots: null,
      speedKph: null,
      course: null,
      altitude: null,
      accuracy: null,
      battery: null,
      charging: null,
      attributes: {},
    });
  });

  it('keeps extras as attributes, with the fields Traccar names winning over an extra of the same name', () => {
    const body = traccarBody({ extras: { tripId: 'T-9', load: 3, motion: 'fake' } });

    expect(parseOsmandJson(body, NOW).attributes).toMatchObject({ tripId: 'T-9', load: 3, motion: true });
  });

  it('takes the device from the query string when it names one, the id the request authenticated with', () => {
    expect(parseOsmandJson(traccarBody(), NOW, 'from-query').deviceId).toBe('from-query');
  });

  it('accepts a numeric device_id', () => {
    expect(parseOsmandJson(traccarBody({}, { device_id: 48241179 }), NOW).deviceId).toBe('48241179');
  });

  it('ignores fields it does not know, as newer app versions add some', () => {
    const body = traccarBody({ uuid: 'abc', age: 12 }, { user: 'someone' });

    expect(parseOsmandJson(body, NOW).deviceId).toBe('48241179');
  });

  it.each([
    ['no device_id', traccarBody({}, { device_id: undefined }), TRACKING_ERROR.missingDeviceId, 'device_id'],
    ['no location', { device_id: '1' }, TRACKING_ERROR.missingField, 'location'],
    ['no coords', traccarBody({ coords: undefined }), TRACKING_ERROR.missingField, 'location.coords'],
    [
      'no timestamp',
      traccarBody({ timestamp: undefined }),
      TRACKING_ERROR.missingField,
      'location.timestamp',
    ],
    [
      'a string latitude',
      traccarBody({ coords: { latitude: '52.5', longitude: 13 } }),
      TRACKING_ERROR.notANumber,
      'location.coords.latitude',
    ],
    [
      'a latitude out of range',
      traccarBody({ coords: { latitude: 100, longitude: 13 } }),
      TRACKING_ERROR.latitudeOutOfRange,
      'location.coords.latitude',
    ],
    [
      'a longitude out of range',
      traccarBody({ coords: { latitude: 10, longitude: -181 } }),
      TRACKING_ERROR.longitudeOutOfRange,
      'location.coords.longitude',
    ],
    ['0,0', traccarBody({ coords: { latitude: 0, longitude: 0 } }), TRACKING_ERROR.noFix, 'location.coords'],
    [
      'an unparseable timestamp',
      traccarBody({ timestamp: 'now-ish' }),
      TRACKING_ERROR.unparseableTimestamp,
      'location.timestamp',
    ],
    [
      'a timestamp too far ahead',
      traccarBody({ timestamp: '2024-05-03T10:00:00Z' }),
      TRACKING_ERROR.timestampInFuture,
      'location.timestamp',
    ],
    [
      'a battery level above 1',
      traccarBody({ battery: { level: 1.5, is_charging: false } }),
      TRACKING_ERROR.batteryOutOfRange,
      'location.battery.level',
    ],
    [
      'a string is_charging',
      traccarBody({ battery: { level: 0.5, is_charging: 'yes' } }),
      TRACKING_ERROR.notABoolean,
      'location.battery.is_charging',
    ],
    ['an array body', [], TRACKING_ERROR.invalidField, 'body'],
    ['a null body', null, TRACKING_ERROR.invalidField, 'body'],
  ])('refuses a body with %s, naming the field', (_name, body, code, field) => {
    const error = refusal(() => parseOsmandJson(body, NOW));

    expect(error).toMatchObject({ code, field });
  });
});
