import { describe, expect, it } from 'vitest';
import { parseOsmand, parseOsmandParameters, TRACKING_ERROR } from '../../src/domain/index.js';
import { refusal } from './support/caught.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const BASE = { id: '123456', lat: '52.5163', lon: '13.3777', timestamp: '1714557600' };

describe('parseOsmandParameters', () => {
  it('reads the parameters Traccar Client sends into a normalised position', () => {
    // Prepare
    const params = {
      ...BASE,
      speed: '10',
      bearing: '87.5',
      altitude: '34.2',
      accuracy: '4.8',
      batt: '76',
      charge: 'true',
    };

    // Act
    const position = parseOsmandParameters(params, NOW);

    // Assess
    expect(position).toEqual({
      deviceId: '123456',
      fixTime: new Date('2024-05-01T10:00:00Z'),
      latitude: 52.5163,
      longitude: 13.3777,
      valid: true,
      speedKnots: 10,
      speedKph: 18.52,
      course: 87.5,
      altitude: 34.2,
      accuracy: 4.8,
      battery: 76,
      charging: true,
      attributes: {},
    });
  });

  it.each([
    ['id', { id: 'abc-1' }, 'abc-1'],
    ['deviceid', { deviceid: 'abc-2' }, 'abc-2'],
    ['id over deviceid', { id: 'abc-1', deviceid: 'abc-2' }, 'abc-1'],
    ['a trimmed id', { id: '  abc-3 ' }, 'abc-3'],
  ])('names the device by %s', (_name, ids, expected) => {
    const { id: _ignored, ...rest } = BASE;

    const position = parseOsmandParameters({ ...rest, ...ids }, NOW);

    expect(position.deviceId).toBe(expected);
  });

  it.each([
    ['no id at all', {}],
    ['an empty id', { id: '' }],
    ['a blank deviceid', { deviceid: '   ' }],
  ])('refuses a request with %s as a missing device id', (_name, ids) => {
    const { id: _ignored, ...rest } = BASE;

    const error = refusal(() => parseOsmandParameters({ ...rest, ...ids }, NOW));

    expect(error.code).toBe(TRACKING_ERROR.missingDeviceId);
    expect(error.message).toMatch(/is required/);
  });

  it('refuses an id no device could have', () => {
    const error = refusal(() => parseOsmandParameters({ ...BASE, id: 'bad id/with spaces' }, NOW));

    expect(error).toMatchObject({ code: TRACKING_ERROR.invalidDeviceId, field: 'id' });
  });

  it('reads location=lat,lon when lat and lon are absent', () => {
    const position = parseOsmandParameters({ id: '1', location: '-33.8688,151.2093' }, NOW);

    expect([position.latitude, position.longitude]).toEqual([-33.8688, 151.2093]);
  });

  it('takes the server clock as the fix time when no timestamp is sent, as Traccar does', () => {
    const { timestamp: _ignored, ...rest } = BASE;

    expect(parseOsmandParameters(rest, NOW).fixTime).toEqual(NOW);
  });

  it.each([
    ['seconds', '1714557600', '2024-05-01T10:00:00.000Z'],
    ['milliseconds', '1714557600123', '2024-05-01T10:00:00.123Z'],
    ['ISO 8601', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['ISO 8601 with an offset', '2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z'],
    ["Traccar's yyyy-MM-dd HH:mm:ss", '2024-05-01 10:00:00', '2024-05-01T10:00:00.000Z'],
  ])('reads a timestamp in %s', (_name, timestamp, expected) => {
    expect(parseOsmandParameters({ ...BASE, timestamp }, NOW).fixTime.toISOString()).toBe(expected);
  });

  it('converts speed from knots and keeps both units', () => {
    const position = parseOsmandParameters({ ...BASE, speed: '27' }, NOW);

    expect(position.speedKnots).toBe(27);
    expect(position.speedKph).toBeCloseTo(50.004, 6);
  });

  it.each([
    ['bearing', { bearing: '180' }, 180],
    ['heading', { heading: '270' }, 270],
    ['360 as north', { bearing: '360' }, 0],
    ['-1 as unknown', { bearing: '-1' }, null],
  ])('reads the course from %s', (_name, course, expected) => {
    expect(parseOsmandParameters({ ...BASE, ...course }, NOW).course).toBe(expected);
  });

  it.each([
    ['speed', '-1', 'speedKnots'],
    ['accuracy', '-1', 'accuracy'],
    ['batt', '-1', 'battery'],
  ] as const)('reads a negative %s as unknown', (name, value, field) => {
    expect(parseOsmandParameters({ ...BASE, [name]: value }, NOW)[field]).toBeNull();
  });

  it('keeps unknown parameters as typed attributes, hdop and driverUniqueId included', () => {
    const params = {
      ...BASE,
      hdop: '1.2',
      driverUniqueId: '007',
      ignition: 'true',
      note: 'back door',
      sat: '9',
    };

    const position = parseOsmandParameters(params, NOW);

    expect(position.attributes).toEqual({
      hdop: 1.2,
      driverUniqueId: '007',
      ignition: true,
      note: 'back door',
      sat: 9,
    });
  });

  it('never keeps the device secret as an attribute', () => {
    const position = parseOsmandParameters({ ...BASE, key: 'mcd_secret' }, NOW);

    expect(position.attributes).toEqual({});
  });

  it('skips empty values, as Traccar does', () => {
    const position = parseOsmandParameters({ ...BASE, speed: '', altitude: '', extra: '' }, NOW);

    expect(position).toMatchObject({ speedKnots: null, altitude: null, attributes: {} });
  });

  it('reads valid=false as a fix the device does not trust', () => {
    expect(parseOsmandParameters({ ...BASE, valid: 'false' }, NOW).valid).toBe(false);
  });

  it('keeps a parameter named __proto__ as a plain attribute', () => {
    const position = parseOsmandParameters({ ...BASE, ['__proto__']: 'x' }, NOW);

    expect(Object.getPrototypeOf(position.attributes)).toBe(Object.prototype);
  });

  it.each([
    ['lat above 90', { lat: '90.0001' }, TRACKING_ERROR.latitudeOutOfRange, 'lat'],
    ['lat below -90', { lat: '-91' }, TRACKING_ERROR.latitudeOutOfRange, 'lat'],
    ['lon above 180', { lon: '180.5' }, TRACKING_ERROR.longitudeOutOfRange, 'lon'],
    ['lon below -180', { lon: '-200' }, TRACKING_ERROR.longitudeOutOfRange, 'lon'],
    ['a non-numeric lat', { lat: 'north' }, TRACKING_ERROR.notANumber, 'lat'],
    ['NaN', { lon: 'NaN' }, TRACKING_ERROR.notANumber, 'lon'],
    ['Infinity', { lat: 'Infinity' }, TRACKING_ERROR.notANumber, 'lat'],
    ['a comma decimal', { lat: '52,5' }, TRACKING_ERROR.notANumber, 'lat'],
    ['hex', { speed: '0x10' }, TRACKING_ERROR.notANumber, 'speed'],
    ['a non-numeric altitude', { altitude: 'high' }, TRACKING_ERROR.notANumber, 'altitude'],
    ['a non-numeric hdop', { hdop: 'good' }, TRACKING_ERROR.notANumber, 'hdop'],
    ['a course above 360', { heading: '361' }, TRACKING_ERROR.invalidField, 'heading'],
    ['a battery above 100', { batt: '101' }, TRACKING_ERROR.batteryOutOfRange, 'batt'],
    ['charge=maybe', { charge: 'maybe' }, TRACKING_ERROR.notABoolean, 'charge'],
    ['0,0', { lat: '0', lon: '0' }, TRACKING_ERROR.noFix, 'lat,lon'],
    ['lat without lon', { lon: undefined }, TRACKING_ERROR.missingField, 'lon'],
    ['lon without lat', { lat: undefined }, TRACKING_ERROR.missingField, 'lat'],
    ['no coordinates', { lat: undefined, lon: undefined }, TRACKING_ERROR.missingField, 'lat'],
    [
      'an unparseable timestamp',
      { timestamp: 'yesterday' },
      TRACKING_ERROR.unparseableTimestamp,
      'timestamp',
    ],
    [
      'a timestamp two days ahead',
      { timestamp: '1714730400' },
      TRACKING_ERROR.timestampInFuture,
      'timestamp',
    ],
    ['timestamp 0', { timestamp: '0' }, TRACKING_ERROR.timestampTooOld, 'timestamp'],
  ])('refuses %s, naming the field and the value', (_name, change, code, field) => {
    const error = refusal(() => parseOsmandParameters({ ...BASE, ...change }, NOW));

    expect(error).toMatchObject({ code, field });
    expect(error.message.startsWith(field)).toBe(true);
  });

  it.each([
    ['a location with one number', '52.5'],
    ['a location with three numbers', '52.5,13.4,7'],
    ['a location with words', 'here,there'],
    ['a location out of range', '95,13.4'],
  ])('refuses %s', (_name, location) => {
    const error = refusal(() => parseOsmandParameters({ id: '1', location }, NOW));

    expect(error.field).toBe('location');
  });
});

describe('parseOsmand', () => {
  it('reads a GET request from its query string', () => {
    const position = parseOsmand({ queryStringParameters: BASE }, NOW);

    expect(position.deviceId).toBe('123456');
  });

  it('reads a POST form body, merged under query parameters such as the secret', () => {
    const request = {
      queryStringParameters: { key: 'mcd_secret' },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'id=123456&lat=52.5163&lon=13.3777&timestamp=1714557600&speed=5.5',
    };

    const position = parseOsmand(request, NOW);

    expect(position).toMatchObject({ deviceId: '123456', speedKnots: 5.5, attributes: {} });
  });

  it('lets the query win over the form body, as the devices service does when authenticating', () => {
    const request = { queryStringParameters: { id: 'from-query' }, body: 'id=from-body&lat=1&lon=2' };

    expect(parseOsmand(request, NOW).deviceId).toBe('from-query');
  });

  it('reads a base64-encoded form body', () => {
    const body = Buffer.from('id=9&lat=1.5&lon=2.5').toString('base64');

    const position = parseOsmand({ body, isBase64Encoded: true }, NOW);

    expect([position.deviceId, position.latitude, position.longitude]).toEqual(['9', 1.5, 2.5]);
  });

  it('reads a JSON body by its content type', () => {
    const body = JSON.stringify({
      device_id: '48241179',
      location: { timestamp: '2024-05-01T10:00:00Z', coords: { latitude: 52.5, longitude: 13.4 } },
    });

    const position = parseOsmand(
      { headers: { 'content-type': 'application/json; charset=utf-8' }, body },
      NOW,
    );

    expect(position).toMatchObject({ deviceId: '48241179', latitude: 52.5, longitude: 13.4 });
  });

  it('refuses JSON that does not parse as a malformed body', () => {
    const error = refusal(() =>
      parseOsmand({ headers: { 'Content-Type': 'application/json' }, body: '{"device_id":' }, NOW),
    );

    expect(error).toMatchObject({ code: TRACKING_ERROR.malformedBody, field: 'body' });
  });

  it('refuses a request with nothing in it as a missing device id', () => {
    const error = refusal(() => parseOsmand({ queryStringParameters: null, body: null }, NOW));

    expect(error.code).toBe(TRACKING_ERROR.missingDeviceId);
  });
});
