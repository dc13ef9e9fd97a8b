import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../src/json-error-offset.js';

describe('jsonErrorOffset', () => {
  it.each([
    ['an object', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}}'],
    ['a list', ' [ ] '],
    ['a string', '"x"'],
  ])('finds nothing wrong in %s', (_name, text) => {
    // Act
    const offset = jsonErrorOffset(text);

    // Assess
    expect(offset).toBeUndefined();
  });

  it.each([
    ['a missing value', '{"a": }', 6],
    ['a trailing comma', '[1,]', 3],
    ['a single-quoted string', "{'a': 1}", 1],
    ['a bad escape', '"\\x"', 2],
    ['trailing text', '{} x', 3],
    ['an unclosed object', '{"a": 1', 7],
    ['a control character in a string', '"a\tb"', 2],
  ])('finds where %s makes JSON invalid', (_name, text, expected) => {
    // Act
    const offset = jsonErrorOffset(text);

    // Assess
    expect(offset).toBe(expected);
  });

  it('agrees with JSON.parse on every prefix of a valid document', () => {
    // Prepare
    const text = JSON.stringify({
      Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { A: [1, 'b', null] } } },
    });

    // Act
    const disagreements = Array.from({ length: text.length }, (_, end) => text.slice(0, end)).filter(
      (prefix) => {
        let valid = true;
        try {
          JSON.parse(prefix);
        } catch {
          valid = false;
        }
        return valid !== (jsonErrorOffset(prefix) === undefined);
      },
    );

    // Assess
    expect(disagreements).toEqual([]);
  });
});
