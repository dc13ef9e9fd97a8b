import { eventEnvelopeSchema } from '@motorcade/lambda';
import { describe, expect, it } from 'vitest';
import { EVENT_SIZE_LIMIT_BYTES, envelopeBytesAtMost, envelopeJson } from '../../src/domain/bus-event.js';
import { causingEventId } from '../../src/domain/causation.js';

const event = {
  id: '42',
  type: 'orderPlaced',
  source: 'orders',
  time: '2026-11-28T10:00:00.123Z',
  detailJson: '{"orderId":"o-1","lines":[1,2]}',
  correlationId: 'c-1',
};

describe('the envelope listeners receive', () => {
  it("is the library's event envelope, with the detail as it was logged", () => {
    // Act
    const parsed = eventEnvelopeSchema.parse(JSON.parse(envelopeJson({ ...event, causationId: '41' })));

    // Assess
    expect(parsed).toEqual({
      id: '42',
      type: 'orderPlaced',
      source: 'orders',
      time: '2026-11-28T10:00:00.123Z',
      detail: { orderId: 'o-1', lines: [1, 2] },
      correlationId: 'c-1',
      causationId: '41',
    });
  });

  it('is sized before logging as large as any id and time can make it', () => {
    // Act
    const bound = envelopeBytesAtMost(event);

    // Assess
    expect(bound).toBeGreaterThanOrEqual(Buffer.byteLength(envelopeJson(event)));
    expect(bound - Buffer.byteLength(envelopeJson(event))).toBeLessThan(20);
    expect(EVENT_SIZE_LIMIT_BYTES).toBe(1_048_576);
  });
});

describe('the causing event', () => {
  it.each([
    ['the bus id a listener stamps', '42', '42'],
    ['a request id', 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', undefined],
    ['none', undefined, undefined],
    ['a number past bigint', '9223372036854775808', undefined],
    ['a leading zero', '042', undefined],
  ])('is found from %s', (_case, causationId, expected) => {
    // Act, Assess
    expect(causingEventId(causationId)).toBe(expected);
  });
});
