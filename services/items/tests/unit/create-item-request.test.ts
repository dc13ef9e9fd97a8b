import { describe, expect, it } from 'vitest';
import { InvalidItemError, ITEMS_ERROR, newItem, parseClientCreateItem } from '../../src/domain/index.js';
import { createBody, NOW } from './support/items.js';

/** The problems parsing reports for a body, as `path: message` lines. */
function problemsOf(body: unknown): string[] {
  try {
    parseClientCreateItem(body);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidItemError)) throw error;
    return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
}

const withField = (path: string, value: unknown): Record<string, unknown> => {
  const body = structuredClone(createBody());
  const keys = path.split('.');
  const last = keys.pop()!;
  let target = body;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return body;
};

describe('ClientCreateItem', () => {
  it('accepts a complete item and normalises its text and times', () => {
    // Prepare
    const body = withField('window.from', '2030-01-01T10:00:00+01:00');
    (body.pickup as Record<string, unknown>).address = '  Alexanderplatz 1, Berlin  ';

    // Act
    const input = parseClientCreateItem(body);

    // Assess
    expect(input.window).toEqual({ from: '2030-01-01T09:00:00.000Z', to: '2030-01-01T12:00:00.000Z' });
    expect(input.pickup.address).toBe('Alexanderplatz 1, Berlin');
  });

  it('accepts an item without a volume', () => {
    // Act
    const input = parseClientCreateItem(withField('size.volumeLitres', undefined));

    // Assess
    expect(input.size).toEqual({ weightKg: 3.5 });
  });

  it.each([
    { field: 'reference', value: undefined, problem: 'reference: is required' },
    { field: 'reference', value: '   ', problem: 'reference: must not be empty' },
    { field: 'pickup.lat', value: 91, problem: 'pickup.lat: must be at most 90' },
    { field: 'pickup.lon', value: -180.5, problem: 'pickup.lon: must be at least -180' },
    { field: 'dropoff.lat', value: '52.5', problem: 'dropoff.lat: must be a number' },
    { field: 'dropoff.address', value: '', problem: 'dropoff.address: must not be empty' },
    { field: 'dropoff', value: undefined, problem: 'dropoff: is required' },
    { field: 'window.to', value: '2030-01-01T08:30:00Z', problem: 'window.to: must be after from' },
    {
      field: 'window.from',
      value: '2030-01-01 09:00',
      problem: 'window.from: must be an ISO 8601 date-time with a zone, e.g. 2030-01-01T08:00:00Z',
    },
    { field: 'size.weightKg', value: 0, problem: 'size.weightKg: must be more than 0' },
    { field: 'size.volumeLitres', value: 50_000, problem: 'size.volumeLitres: must be at most 20000' },
    { field: 'dropOff', value: {}, problem: ': unknown field dropOff' },
    { field: 'pickup.floor', value: 3, problem: 'pickup: unknown field floor' },
  ])('refuses $field = $value, saying "$problem"', ({ field, value, problem }) => {
    // Act
    const problems = problemsOf(withField(field, value));

    // Assess
    expect(problems).toEqual([problem]);
  });

  it('names every wrong field at once, with a stable code', () => {
    // Prepare
    const body = { reference: 'R', pickup: { lat: 100, lon: 0, address: 'x' } };

    // Act
    const attempt = () => parseClientCreateItem(body);

    // Assess
    expect(attempt).toThrow(
      expect.objectContaining({
        code: ITEMS_ERROR.invalidItem,
        message:
          'Invalid item: pickup.lat: must be at most 90; dropoff: is required; window: is required; size: is required',
      }),
    );
  });

  it.each([null, 'text', 42, []])('refuses a body that is not an object (%j)', (body) => {
    // Act
    const problems = problemsOf(body);

    // Assess
    expect(problems).toEqual([': must be a JSON object']);
  });
});

describe('newItem', () => {
  it('starts a valid request as a created, unassigned item', () => {
    // Act
    const item = newItem(parseClientCreateItem(createBody()), {
      id: 'i1',
      orgId: 'o1',
      clientId: 'c1',
      now: NOW,
    });

    // Assess
    expect(item).toMatchObject({
      id: 'i1',
      orgId: 'o1',
      clientId: 'c1',
      reference: 'ORDER-1001',
      status: 'created',
      assignment: null,
      createdAt: NOW.toISOString(),
    });
  });

  it('refuses an item whose window has already closed', () => {
    // Prepare
    const input = parseClientCreateItem(createBody());
    const later = new Date('2030-01-01T12:00:00.000Z');

    // Act
    const attempt = () => newItem(input, { id: 'i1', orgId: 'o1', clientId: 'c1', now: later });

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: ITEMS_ERROR.windowClosed }));
  });
});
