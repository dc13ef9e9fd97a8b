import { describe, expect, it } from 'vitest';
import { opsCaller } from '../../src/ops-api/ops-schemas.js';

describe('opsCaller', () => {
  it('accepts the ops authorizer’s context', () => {
    expect(opsCaller.safeParse({ principalId: 'ops', role: 'ops', integrationLatency: 3 }).success).toBe(
      true,
    );
  });

  it.each([
    ['an organisation admin of the users service', { principalId: 'u-1', role: 'admin', orgId: 'o-1' }],
    ['a dispatcher', { principalId: 'u-2', role: 'dispatcher', orgId: 'o-1' }],
    ['no principal', { role: 'ops' }],
    ['no role', { principalId: 'ops' }],
  ])('refuses %s', (_, context) => {
    expect(opsCaller.safeParse(context).success).toBe(false);
  });
});
