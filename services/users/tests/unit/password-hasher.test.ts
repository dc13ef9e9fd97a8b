import { describe, expect, it } from 'vitest';
import {
  decoyHash,
  hashPassword,
  needsRehash,
  PASSWORD_COST,
  verifyPassword,
} from '../../src/domain/password-hasher.js';

// A cheap cost keeps the tests fast; one test checks the real one.
const CHEAP = { logN: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    // Prepare
    const stored = await hashPassword('correct horse battery staple', CHEAP);

    // Act
    const right = await verifyPassword('correct horse battery staple', stored);
    const wrong = await verifyPassword('correct horse battery stapler', stored);

    // Assess
    expect(right).toBe(true);
    expect(wrong).toBe(false);
  });

  it('salts every hash, so one password never hashes the same twice', async () => {
    // Act
    const [first, second] = await Promise.all([hashPassword('same', CHEAP), hashPassword('same', CHEAP)]);

    // Assess
    expect(first).not.toBe(second);
  });

  it('stores the cost with the hash (PHC string), at OWASP-equivalent settings by default', async () => {
    // Act
    const stored = await hashPassword('secret password');

    // Assess
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(PASSWORD_COST).toEqual({ logN: 15, r: 8, p: 3 });
    expect(await verifyPassword('secret password', stored)).toBe(true);
  });

  it('treats the same password written in another Unicode form as the same password', async () => {
    // Prepare: "é" precomposed, and as "e" + combining accent.
    const stored = await hashPassword('caf\u00e9 au lait 2024', CHEAP);

    // Act
    const decomposed = await verifyPassword('cafe\u0301 au lait 2024', stored);

    // Assess
    expect(decomposed).toBe(true);
  });

  it('asks for a rehash when a hash was made at another cost', async () => {
    // Prepare
    const old = await hashPassword('pw', CHEAP);

    // Act & Assess
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, CHEAP)).toBe(false);
    expect(needsRehash('not a hash')).toBe(true);
  });

  it.each([
    ['garbage', 'not a hash'],
    ['a bcrypt hash', '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234'],
    [
      'an absurd cost',
      '$scrypt$ln=40,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    ],
  ])('never matches %s as a stored hash', async (_case, stored) => {
    // Act & Assess
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('offers a decoy hash that is a real hash no password of ours matches', async () => {
    // Act
    const decoy = await decoyHash();

    // Assess
    expect(decoy).toMatch(/^\$scrypt\$/);
    expect(await decoyHash()).toBe(decoy);
    expect(await verifyPassword('', decoy)).toBe(false);
  });
});
