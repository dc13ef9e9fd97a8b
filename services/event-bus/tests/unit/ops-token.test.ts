import { describe, expect, it } from 'vitest';
import { carriesOpsToken } from '../../src/domain/ops-token.js';

describe('the ops token', () => {
  it.each([
    ['a bearer token', 'Bearer s3cret-token', true],
    ['the bare token', 's3cret-token', true],
    ['another token', 'Bearer s3cret-tokem', false],
    ['a prefix of the token', 'Bearer s3cret', false],
    ['nothing', '', false],
  ])('accepts %s: %s', (_case, header, expected) => {
    // Act, Assess
    expect(carriesOpsToken(header, 's3cret-token')).toBe(expected);
  });

  it('accepts nothing when no token is configured', () => {
    // Act, Assess
    expect(carriesOpsToken('', '')).toBe(false);
  });
});
