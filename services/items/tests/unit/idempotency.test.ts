import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decideCreate,
  IdempotencyConflictError,
  ITEMS_ERROR,
  idempotencyKeySchema,
  parseClientCreateItem,
  requestFingerprint,
} from '../../src/domain/index.js';
import { createBody, createInput, itemIn } from './support/items.js';

describe('create idempotency', () => {
  it('creates an item when the key is new', () => {
    // Act
    const decision = decideCreate(undefined, requestFingerprint(createInput()), 'key-1');

    // Assess
    expect(decision).toEqual({ kind: 'create' });
  });

  it('answers a retry of the same request with the item the key made, as it is now', () => {
    // Prepare
    const fingerprint = requestFingerprint(createInput());
    const found = { item: itemIn('allocated'), fingerprint };

    // Act
    const decision = decideCreate(found, requestFingerprint(createInput()), 'key-1');

    // Assess
    expect(decision).toEqual({ kind: 'replay', item: found.item });
  });

  it('refuses the same key with a different body as IDEMPOTENCY_KEY_REUSED', () => {
    // Prepare
    const found = { item: itemIn('created'), fingerprint: requestFingerprint(createInput()) };
    const other = parseClientCreateItem({ ...createBody(), reference: 'ORDER-1002' });

    // Act
    const attempt = () => decideCreate(found, requestFingerprint(other), 'key-1');

    // Assess
    expect(attempt).toThrow(IdempotencyConflictError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: ITEMS_ERROR.idempotencyConflict, idempotencyKey: 'key-1' }),
    );
  });

  it.each([
    {
      difference: 'key order',
      body: () => Object.fromEntries(Object.entries(createBody()).reverse()),
    },
    {
      difference: 'the zone a time is written in',
      body: () => ({
        ...createBody(),
        window: { from: '2030-01-01T10:00:00+01:00', to: '2030-01-01T12:00:00.000Z' },
      }),
    },
    {
      difference: 'spaces around the address',
      body: () => {
        const body = createBody();
        return { ...body, dropoff: { ...(body.dropoff as object), address: ' Pariser Platz, Berlin ' } };
      },
    },
  ])('sees the same request despite a difference in $difference', ({ body }) => {
    // Act
    const fingerprint = requestFingerprint(parseClientCreateItem(body()));

    // Assess
    expect(fingerprint).toBe(requestFingerprint(createInput()));
  });

  it.each([
    { field: 'weight', change: { size: { weightKg: 3.6, volumeLitres: 20 } } },
    { field: 'window', change: { window: { from: '2030-01-01T09:00:00Z', to: '2030-01-01T12:00:01Z' } } },
  ])('sees a different request when the $field differs', ({ change }) => {
    // Act
    const fingerprint = requestFingerprint(parseClientCreateItem({ ...createBody(), ...change }));

    // Assess
    expect(fingerprint).not.toBe(requestFingerprint(createInput()));
  });

  it('writes canonical JSON with sorted keys at every depth', () => {
    // Act
    const json = canonicalJson({ b: [{ d: 1, c: undefined, a: 'x' }], a: null });

    // Assess
    expect(json).toBe('{"a":null,"b":[{"a":"x","d":1}]}');
  });

  it.each([
    { key: '', ok: false },
    { key: 'with space', ok: false },
    { key: 'x'.repeat(256), ok: false },
    { key: 'ünïcode', ok: false },
    { key: '3f1c2a9e-7a5b-4c1e-9d1a-2b8e6f0c4d3a', ok: true },
    { key: 'order-42/retry', ok: true },
  ])('takes "$key" as an Idempotency-Key: $ok', ({ key, ok }) => {
    // Act
    const parsed = idempotencyKeySchema.safeParse(key);

    // Assess
    expect(parsed.success).toBe(ok);
  });
});
