import { describe, expect, it } from 'vitest';
import {
  BatchValidationError,
  MAX_BATCH_SIZE,
  MAX_REPORTED_PROBLEMS,
  parsePositionBatch,
  parsePositionInput,
  positionBatchSchema,
  positionKey,
  TRACKING_ERROR,
  uniquePositions,
} from '../../src/domain/index.js';
import { caught, refusal } from './support/caught.js';

const NOW = new Date('2024-05-01T12:00:00Z');

const entry = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  deviceId: 'gw-1',
  fixTime: '2024-05-01T10:00:00Z',
  latitude: 52.5,
  longitude: 13.4,
  ...overrides,
});

describe('parsePositionBatch', () => {
  it('normalises every position of a batch, in order', () => {
    // Prepare
    const body = {
      positions: [
        entry({
          speedKnots: 10,
          course: 45,
          accuracy: 3,
          battery: 80,
          charging: true,
          attributes: { door: 'open' },
        }),
        entry({ deviceId: 'gw-2', fixTime: 1714557660, speedKph: 50 }),
      ],
    };

    // Act
    const positions = parsePositionBatch(body, NOW);

    // Assess
    expect(positions).toHaveLength(2);
    expect(positions[0]).toMatchObject({
      deviceId: 'gw-1',
      speedKnots: 10,
      speedKph: 18.52,
      course: 45,
      accuracy: 3,
      battery: 80,
      charging: true,
      attributes: { door: 'open' },
    });
    expect(positions[1]).toMatchObject({
      deviceId: 'gw-2',
      fixTime: new Date('2024-05-01T10:01:00Z'),
      speedKph: 50,
    });
    expect(positions[1]?.speedKnots).toBeCloseTo(26.998, 3);
  });

  it('accepts exactly the maximum batch size', () => {
    const body = {
      positions: Array.from({ length: MAX_BATCH_SIZE }, (_, i) => entry({ fixTime: 1714557600 + i })),
    };

    expect(parsePositionBatch(body, NOW)).toHaveLength(MAX_BATCH_SIZE);
  });

  it('refuses a batch over the maximum size before reading any position', () => {
    const body = { positions: Array.from({ length: MAX_BATCH_SIZE + 1 }, () => 'not even a position') };

    const error = refusal(() => parsePositionBatch(body, NOW));

    expect(error).toMatchObject({ code: TRACKING_ERROR.batchTooLarge, field: 'positions' });
    expect(error.message).toContain(`at most ${MAX_BATCH_SIZE}`);
  });

  it.each([
    ['an array body', [entry()], TRACKING_ERROR.malformedBody, 'body'],
    ['a string body', 'positions', TRACKING_ERROR.malformedBody, 'body'],
    ['null', null, TRACKING_ERROR.malformedBody, 'body'],
    ['no positions', {}, TRACKING_ERROR.missingField, 'positions'],
    [
      'positions that are not an array',
      { positions: { 0: entry() } },
      TRACKING_ERROR.malformedBody,
      'positions',
    ],
    ['no positions in the array', { positions: [] }, TRACKING_ERROR.emptyBatch, 'positions'],
    [
      'an unknown top-level field',
      { positions: [entry()], gateway: 'x' },
      TRACKING_ERROR.unknownField,
      'gateway',
    ],
  ])('refuses %s', (_name, body, code, field) => {
    expect(refusal(() => parsePositionBatch(body, NOW))).toMatchObject({ code, field });
  });

  it.each([
    ['no deviceId', entry({ deviceId: undefined }), TRACKING_ERROR.missingDeviceId, 'positions[0].deviceId'],
    ['a blank deviceId', entry({ deviceId: ' ' }), TRACKING_ERROR.missingDeviceId, 'positions[0].deviceId'],
    ['a numeric deviceId', entry({ deviceId: 7 }), TRACKING_ERROR.invalidField, 'positions[0].deviceId'],
    ['a string latitude', entry({ latitude: '52.5' }), TRACKING_ERROR.notANumber, 'positions[0].latitude'],
    [
      'a latitude of 90.1',
      entry({ latitude: 90.1 }),
      TRACKING_ERROR.latitudeOutOfRange,
      'positions[0].latitude',
    ],
    [
      'a longitude of -180.1',
      entry({ longitude: -180.1 }),
      TRACKING_ERROR.longitudeOutOfRange,
      'positions[0].longitude',
    ],
    ['no longitude', entry({ longitude: undefined }), TRACKING_ERROR.missingField, 'positions[0].longitude'],
    ['no fixTime', entry({ fixTime: undefined }), TRACKING_ERROR.missingField, 'positions[0].fixTime'],
    ['a boolean fixTime', entry({ fixTime: true }), TRACKING_ERROR.invalidField, 'positions[0].fixTime'],
    [
      'a future fixTime',
      entry({ fixTime: '2024-05-03T00:00:00Z' }),
      TRACKING_ERROR.timestampInFuture,
      'positions[0].fixTime',
    ],
    [
      'a bad fixTime',
      entry({ fixTime: 'soon' }),
      TRACKING_ERROR.unparseableTimestamp,
      'positions[0].fixTime',
    ],
    [
      'a bare speed, whose unit is a guess',
      entry({ speed: 10 }),
      TRACKING_ERROR.unknownField,
      'positions[0].speed',
    ],
    [
      'both speeds',
      entry({ speedKnots: 10, speedKph: 18.52 }),
      TRACKING_ERROR.invalidField,
      'positions[0].speedKph',
    ],
    ['a battery of 150', entry({ battery: 150 }), TRACKING_ERROR.batteryOutOfRange, 'positions[0].battery'],
    ['a string charging', entry({ charging: 'yes' }), TRACKING_ERROR.notABoolean, 'positions[0].charging'],
    [
      'an object attribute',
      entry({ attributes: { a: { b: 1 } } }),
      TRACKING_ERROR.invalidField,
      'positions[0].attributes.a',
    ],
    ['0,0', entry({ latitude: 0, longitude: 0 }), TRACKING_ERROR.noFix, 'positions[0].latitude,longitude'],
    ['a string entry', 'gw-1,52.5,13.4', TRACKING_ERROR.invalidField, 'positions[0]'],
  ])('refuses a batch whose position has %s, naming the entry and field', (_name, bad, code, field) => {
    const error = caught(() => parsePositionBatch({ positions: [bad] }, NOW));

    expect(error).toBeInstanceOf(BatchValidationError);
    expect((error as BatchValidationError).problems[0]).toMatchObject({ index: 0, code, field });
    expect(error.message.startsWith(field)).toBe(true);
  });

  it('refuses the whole batch when one position is bad, listing every problem with its index', () => {
    const body = { positions: [entry(), entry({ latitude: 91 }), entry(), entry({ fixTime: 'soon' })] };

    const error = caught(() => parsePositionBatch(body, NOW)) as BatchValidationError;

    expect(error.code).toBe(TRACKING_ERROR.invalidBatch);
    expect(error.problems.map(({ index, code }) => [index, code])).toEqual([
      [1, TRACKING_ERROR.latitudeOutOfRange],
      [3, TRACKING_ERROR.unparseableTimestamp],
    ]);
    expect(error.message).toBe('positions[1].latitude 91: must be between -90 and 90 (and 1 more problem)');
  });

  it('reports at most the first problems of a very bad batch, with the total in the message', () => {
    const body = { positions: Array.from({ length: 50 }, () => entry({ latitude: 100 })) };

    const error = caught(() => parsePositionBatch(body, NOW)) as BatchValidationError;

    expect(error.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(error.message).toContain('(and 49 more problems)');
  });

  it('describes the same shape as the batch schema', () => {
    const body = { positions: [entry()] };

    expect(positionBatchSchema.safeParse(body).success).toBe(true);
    expect(parsePositionBatch(body, NOW)).toHaveLength(1);
  });
});

describe('parsePositionInput', () => {
  it('reads one position without a prefix, as the MQTT topic rule delivers it', () => {
    const error = refusal(() => parsePositionInput(entry({ latitude: -95 }), NOW));

    expect(error.field).toBe('latitude');
  });
});

describe('positionKey and uniquePositions', () => {
  it('keys a position by device and fix time to the millisecond', () => {
    const key = positionKey({ deviceId: 'gw-1', fixTime: new Date(1714557600123) });

    expect(key).toBe('gw-1@2024-05-01T10:00:00.123Z');
  });

  it('keeps the first of each repeated position and the order of the rest', () => {
    const [a, b, c, d] = parsePositionBatch(
      {
        positions: [
          entry({ latitude: 1 }),
          entry({ deviceId: 'gw-2', latitude: 2 }),
          entry({ latitude: 3 }),
          entry({ fixTime: '2024-05-01T10:00:00.001Z', latitude: 4 }),
        ],
      },
      NOW,
    );

    const unique = uniquePositions([a!, b!, c!, d!]);

    expect(unique.map((position) => position.latitude)).toEqual([1, 2, 4]);
  });

  it('treats the same instant written two ways as the same position', () => {
    const positions = parsePositionBatch(
      { positions: [entry({ fixTime: 1714557600 }), entry({ fixTime: '2024-05-01T12:00:00+02:00' })] },
      NOW,
    );

    expect(uniquePositions(positions)).toHaveLength(1);
  });
});
