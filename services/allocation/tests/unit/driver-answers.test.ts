import { describe, expect, it } from 'vitest';
import { ALLOCATION_ERROR, judgeDriverAnswer, type Offer } from '../../src/domain/index.js';
import { at } from './support/fleet.js';

const offer = (status: Offer['status']): Offer => ({
  offerId: 'i1:1',
  itemId: 'i1',
  orgId: 'org-1',
  vehicleId: 'v1',
  offeredAt: at(0).toISOString(),
  deadline: at(60).toISOString(),
  status,
});

describe('judging a driver answer before it is posted', () => {
  it('posts an answer to an open offer of the driver’s vehicle within its deadline', () => {
    // Act
    const verdict = judgeDriverAnswer(offer('open'), 'v1', 'accepted', at(59));

    // Assess
    expect(verdict).toBe('post');
  });

  it('takes the same answer again as a repeat, posting nothing twice', () => {
    // Act & Assess
    expect(judgeDriverAnswer(offer('accepted'), 'v1', 'accepted', at(120))).toBe('repeat');
    expect(judgeDriverAnswer(offer('rejected'), 'v1', 'rejected', at(10))).toBe('repeat');
  });

  it.each([
    ['a missing offer', undefined, 'v1', at(1), ALLOCATION_ERROR.offerNotFound],
    [
      'an offer to another vehicle, as if missing',
      offer('open'),
      'v2',
      at(1),
      ALLOCATION_ERROR.offerNotFound,
    ],
    ['an open offer at its deadline', offer('open'), 'v1', at(60), ALLOCATION_ERROR.offerExpired],
    ['an expired offer', offer('expired'), 'v1', at(30), ALLOCATION_ERROR.offerExpired],
    ['a withdrawn offer', offer('withdrawn'), 'v1', at(30), ALLOCATION_ERROR.offerSuperseded],
    ['an offer rejected before', offer('rejected'), 'v1', at(30), ALLOCATION_ERROR.offerSuperseded],
  ] as const)('refuses %s', (_case, stored, vehicleId, now, code) => {
    // Act & Assess
    expect(() => judgeDriverAnswer(stored, vehicleId, 'accepted', now)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
