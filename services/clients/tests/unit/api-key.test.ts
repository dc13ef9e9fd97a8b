import { describe, expect, it } from 'vitest';
import { keyLabel, newApiKey, parseApiKey, secretMatches } from '../../src/domain/api-key.js';

describe('API keys', () => {
  it('makes a key whose parts find and prove it', () => {
    // Act
    const fresh = newApiKey();
    const parts = parseApiKey(fresh.key);

    // Assess
    expect(fresh.key).toMatch(/^mck_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(parts?.lookupId).toBe(fresh.lookupId);
    expect(secretMatches(parts?.secret ?? '', fresh.secretHash)).toBe(true);
  });

  it('keeps nothing from which the secret could be read back', () => {
    // Act
    const fresh = newApiKey();
    const secret = fresh.key.slice(21);

    // Assess
    expect(fresh.secretHash).not.toContain(secret);
    expect(keyLabel(fresh.lookupId)).toBe(fresh.key.slice(0, 20));
  });

  it('makes a different key every time', () => {
    // Act
    const keys = new Set(Array.from({ length: 50 }, () => newApiKey().key));

    // Assess
    expect(keys.size).toBe(50);
  });

  it.each([
    ['another prefix', `mcx_0123456789abcdef_${'A'.repeat(43)}`],
    ['a short secret', 'mck_0123456789abcdef_short'],
    ['an upper-case lookup id', `mck_0123456789ABCDEF_${'A'.repeat(43)}`],
    ['a bearer token', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x'],
    ['nothing', ''],
  ])('does not take %s for a key', (_case, presented) => {
    // Act & Assess
    expect(parseApiKey(presented)).toBeUndefined();
  });

  it('refuses another key’s secret', () => {
    // Prepare
    const ours = newApiKey();
    const theirs = parseApiKey(newApiKey().key);

    // Act & Assess
    expect(secretMatches(theirs?.secret ?? '', ours.secretHash)).toBe(false);
    expect(secretMatches('anything', '')).toBe(false);
  });
});
