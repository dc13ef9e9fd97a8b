import { afterEach, describe, expect, it } from 'vitest';
import { isOffloadEnvelope, payloadLimitBytes } from '../../src/index.js';

const envelope = {
  motorcadeOffload: {
    url: 'http://127.0.0.1:4566/bucket/key?X-Amz-Signature=abc',
    size: 10,
    contentType: 'application/json',
    sha256: 'a'.repeat(64),
  },
};

describe('offload envelope and limits', () => {
  afterEach(() => {
    delete process.env.MOTORCADE_PAYLOAD_LIMIT_BYTES;
  });

  it.each([
    ['the envelope', envelope, true],
    ['an envelope with another key beside it', { ...envelope, extra: 1 }, false],
    [
      'an envelope without its checksum',
      { motorcadeOffload: { ...envelope.motorcadeOffload, sha256: undefined } },
      false,
    ],
    ['a plain payload', { items: [] }, false],
    ['null', null, false],
  ])('recognises %s: %s', (_case, value, expected) => {
    expect(isOffloadEnvelope(value)).toBe(expected);
  });

  it('defaults the limit to Lambda’s 6 MB and lets the environment lower it, never raise it', () => {
    expect(payloadLimitBytes()).toBe(6 * 1024 * 1024);
    process.env.MOTORCADE_PAYLOAD_LIMIT_BYTES = '1000';
    expect(payloadLimitBytes()).toBe(1000);
    process.env.MOTORCADE_PAYLOAD_LIMIT_BYTES = String(7 * 1024 * 1024);
    expect(() => payloadLimitBytes()).toThrow(/MOTORCADE_PAYLOAD_LIMIT_BYTES must be a whole number/);
  });
});
