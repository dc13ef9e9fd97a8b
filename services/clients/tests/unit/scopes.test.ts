import { describe, expect, it } from 'vitest';
import { createKeyRequestSchema } from '../../src/domain/requests.js';
import { formatScopes, parseScopes, SCOPES } from '../../src/domain/scopes.js';

describe('scopes', () => {
  it('travels in the authorizer context as one space-separated string and back', () => {
    // Act
    const context = formatScopes(['items:write', 'items:read', 'items:write']);

    // Assess
    expect(context).toBe('items:read items:write');
    expect(parseScopes(context)).toEqual(['items:read', 'items:write']);
    expect(parseScopes('')).toEqual([]);
  });

  it('accepts known scopes for a new key, once each and sorted', () => {
    // Act
    const parsed = createKeyRequestSchema.parse({ scopes: ['items:write', 'items:read', 'items:write'] });

    // Assess
    expect(parsed.scopes).toEqual(['items:read', 'items:write']);
  });

  it.each([
    ['no scope', []],
    ['an unknown scope', ['items:delete']],
    ['a scope in another case', ['Items:Read']],
  ])('refuses a key with %s', (_case, scopes) => {
    // Act & Assess
    expect(createKeyRequestSchema.safeParse({ scopes }).success).toBe(false);
  });

  it('names every scope resource:action', () => {
    // Assess
    for (const scope of SCOPES) expect(scope).toMatch(/^[a-z]+:(read|write)$/);
  });
});
