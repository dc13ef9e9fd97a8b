import { describe, expect, it } from 'vitest';
import {
  attributeFromText,
  checkAttributes,
  MAX_ATTRIBUTE_LENGTH,
  MAX_ATTRIBUTES,
  PositionValidationError,
  parseOsmandParameters,
  readNumber,
  TRACKING_ERROR,
} from '../../src/domain/index.js';
import { refusal } from './support/caught.js';

const NOW = new Date('2024-05-01T12:00:00Z');

/** A small deterministic generator (mulberry32), so a failing fuzz case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '',
  '0',
  '1',
  '-',
  '+',
  '.',
  'e',
  'E',
  '9',
  ',',
  ' ',
  'NaN',
  'Infinity',
  'x',
  '%',
  '\u0000',
  '１',
  '٣',
];

describe('readNumber', () => {
  it.each([
    ['12', 12],
    ['-12.5', -12.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1E-2', 0.01],
    [' 7 ', 7],
    [42.25, 42.25],
  ])('reads %j', (raw, expected) => {
    expect(readNumber('speed', raw)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '0x1A',
    '0b11',
    '1,5',
    '1.2.3',
    '12abc',
    '--1',
    '١٢',
    '１２',
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])('refuses %j as not a number', (raw) => {
    const error = refusal(() => readNumber('speed', raw));

    expect(error).toMatchObject({ code: TRACKING_ERROR.notANumber, field: 'speed' });
  });

  it('either reads a finite number or refuses with NOT_A_NUMBER, for 2,000 generated strings', () => {
    const next = random(7);
    for (let round = 0; round < 2000; round += 1) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 5) },
        () => PIECES[Math.floor(next() * PIECES.length)],
      ).join('');
      try {
        expect(Number.isFinite(readNumber('lat', text))).toBe(true);
      } catch (error) {
        expect(error, `for ${JSON.stringify(text)}`).toBeInstanceOf(PositionValidationError);
        expect((error as PositionValidationError).code).toBe(TRACKING_ERROR.notANumber);
      }
    }
  });
});

describe('parseOsmandParameters under fuzzing', () => {
  const KEYS = [
    'id',
    'lat',
    'lon',
    'location',
    'timestamp',
    'speed',
    'bearing',
    'batt',
    'charge',
    'valid',
    'hdop',
    'x',
  ];
  const VALUES = [
    '1',
    '-1',
    '0',
    '52.5',
    '13.4',
    '91',
    '1714557600',
    'true',
    'no',
    '',
    'NaN',
    '1,2',
    '2099-01-01T00:00:00Z',
  ];

  it('answers 5,000 generated requests with a position or a validation error, never anything else', () => {
    const next = random(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    for (let round = 0; round < 5000; round += 1) {
      const params = Object.fromEntries(
        Array.from({ length: Math.floor(next() * 8) }, () => [pick(KEYS), pick(VALUES)]),
      );
      try {
        const position = parseOsmandParameters(params, NOW);
        expect(Math.abs(position.latitude)).toBeLessThanOrEqual(90);
        expect(Math.abs(position.longitude)).toBeLessThanOrEqual(180);
        expect(position.fixTime.getTime()).toBeLessThanOrEqual(NOW.getTime() + 86_400_000);
      } catch (error) {
        expect(error, `for ${JSON.stringify(params)}`).toBeInstanceOf(PositionValidationError);
      }
    }
  });
});

describe('attributes', () => {
  it.each([
    ['2.5', 2.5],
    ['true', true],
    ['false', false],
    ['True', 'True'],
    ['NaN', 'NaN'],
    ['1e999', '1e999'],
    ['text', 'text'],
  ])('types %j as Traccar does', (text, expected) => {
    expect(attributeFromText(text)).toBe(expected);
  });

  it('refuses more attributes than a position may keep', () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, index) => [`a${index}`, index]),
    );

    expect(refusal(() => checkAttributes('attributes', many)).code).toBe(TRACKING_ERROR.tooManyAttributes);
  });

  it('refuses an attribute value longer than the limit, naming the attribute', () => {
    const error = refusal(() =>
      checkAttributes('attributes', { note: 'x'.repeat(MAX_ATTRIBUTE_LENGTH + 1) }),
    );

    expect(error).toMatchObject({ code: TRACKING_ERROR.attributeTooLong, field: 'attributes.note' });
  });
});
