import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/domain/filter/event-filter.js';
import { FilterError } from '../../src/domain/filter/filter-problem.js';

const strict = (pattern: unknown) => compileFilter(pattern, { loose: false });

describe('content patterns on the detail', () => {
  it.each([
    ['an exact string', { colour: ['red'] }, { colour: 'red' }, true],
    ['another string', { colour: ['red'] }, { colour: 'blue' }, false],
    ['any of a list', { colour: ['red', 'blue'] }, { colour: 'blue' }, true],
    ['an exact number, compared as a number', { count: [5] }, { count: 5.0 }, true],
    ['a number against its string', { count: [5] }, { count: '5' }, false],
    ['true', { fragile: [true] }, { fragile: true }, true],
    ['null, which is not the empty string', { note: [null] }, { note: '' }, false],
    ['null', { note: [null] }, { note: null }, true],
    ['a missing field', { colour: ['red'] }, {}, false],
    ['every field (AND)', { colour: ['red'], size: ['L'] }, { colour: 'red', size: 'M' }, false],
    ['an event array with one matching element', { tags: ['urgent'] }, { tags: ['late', 'urgent'] }, true],
    ['an event array with none', { tags: ['urgent'] }, { tags: ['late'] }, false],
    ['a nested field', { customer: { tier: ['gold'] } }, { customer: { tier: 'gold', id: 1 } }, true],
    ['a nested field that is missing', { customer: { tier: ['gold'] } }, { customer: 'gold' }, false],
    [
      'an array of objects',
      { stops: { city: ['Lyon'] } },
      { stops: [{ city: 'Paris' }, { city: 'Lyon' }] },
      true,
    ],
    ['a prefix', { route: [{ prefix: 'EU-' }] }, { route: 'EU-12' }, true],
    ['a prefix on a number', { route: [{ prefix: '1' }] }, { route: 12 }, false],
    [
      'a prefix ignoring case',
      { route: [{ prefix: { 'equals-ignore-case': 'eu-' } }] },
      { route: 'Eu-1' },
      true,
    ],
    ['a suffix', { file: [{ suffix: '.png' }] }, { file: 'map.png' }, true],
    ['equals-ignore-case', { state: [{ 'equals-ignore-case': 'OPEN' }] }, { state: 'open' }, true],
    ['anything-but a value', { state: [{ 'anything-but': 'closed' }] }, { state: 'open' }, true],
    ['anything-but that value', { state: [{ 'anything-but': 'closed' }] }, { state: 'closed' }, false],
    ['anything-but a list', { priority: [{ 'anything-but': ['low', 'none'] }] }, { priority: 'none' }, false],
    ['anything-but numbers', { code: [{ 'anything-but': [1, 2] }] }, { code: 3 }, true],
    ['anything-but on a missing field', { state: [{ 'anything-but': 'closed' }] }, {}, false],
    [
      'anything-but a prefix',
      { region: [{ 'anything-but': { prefix: 'us-' } }] },
      { region: 'eu-west-1' },
      true,
    ],
    [
      'anything-but that prefix',
      { region: [{ 'anything-but': { prefix: 'us-' } }] },
      { region: 'us-east-1' },
      false,
    ],
    ['a numeric range', { weight: [{ numeric: ['>', 0, '<=', 5] }] }, { weight: 5 }, true],
    ['outside the range', { weight: [{ numeric: ['>', 0, '<=', 5] }] }, { weight: 0 }, false],
    ['numeric equality', { weight: [{ numeric: ['=', 3.5] }] }, { weight: 3.5 }, true],
    ['numeric on a string', { weight: [{ numeric: ['>', 0] }] }, { weight: '7' }, false],
    ['exists', { ref: [{ exists: true }] }, { ref: 'x' }, true],
    ['exists on a missing field', { ref: [{ exists: true }] }, {}, false],
    ['exists on an object (not a leaf)', { ref: [{ exists: true }] }, { ref: { a: 1 } }, false],
    ['exists false on a missing field', { ref: [{ exists: false }] }, {}, true],
    ['exists false inside a missing object', { customs: { ref: [{ exists: false }] } }, {}, true],
    ['exists false on a present field', { ref: [{ exists: false }] }, { ref: null }, false],
    ['an empty pattern', {}, { anything: 1 }, true],
  ])('matches %s: %j on %j → %s', (_case, pattern, detail, expected) => {
    // Act
    const matches = strict(pattern).matches(detail);

    // Assess
    expect(matches).toBe(expected);
  });

  it.each([
    ['an exact value spelled as a string', { count: ['5'] }, { count: 5 }, true],
    ['a boolean spelled as a string', { fragile: ['true'] }, { fragile: true }, true],
    ['the string itself', { count: ['5'] }, { count: '5' }, true],
    ['numeric operands spelled as strings', { weight: [{ numeric: ['>', '100'] }] }, { weight: 250 }, true],
    ['exists spelled as a string', { ref: [{ exists: 'false' }] }, {}, true],
  ])(
    'matches, when CloudFormation turned its scalars into strings, %s',
    (_case, pattern, detail, expected) => {
      // Act
      const matches = compileFilter(pattern, { loose: true }).matches(detail);

      // Assess
      expect(matches).toBe(expected);
    },
  );

  it('does not match a detail that is not an object', () => {
    // Act, Assess
    expect(strict({ colour: ['red'] }).matches('red')).toBe(false);
    expect(strict({ colour: ['red'] }).matches(null)).toBe(false);
  });
});

describe('pattern validation', () => {
  it.each([
    ['a pattern that is not an object', ['red'], '(pattern): must be an object'],
    [
      'a bare value',
      { colour: 'red' },
      'colour: must be a list of values or a nested pattern; wrap a single value in a list: ["red"]',
    ],
    ['an empty list', { colour: [] }, 'colour: an empty list matches nothing'],
    ['an empty nested pattern', { customer: {} }, 'customer: a nested pattern names at least one field'],
    ['an unsupported operator', { ip: [{ cidr: '10.0.0.0/8' }] }, 'ip[0]: operator "cidr" is not supported'],
    [
      'two operators in one object',
      { a: [{ prefix: 'x', suffix: 'y' }] },
      'a[0]: an operator object has exactly one key (got 2)',
    ],
    ['a prefix that is not a string', { a: [{ prefix: 1 }] }, 'a[0].prefix: must be a string'],
    [
      'a numeric operand that is not a number',
      { a: [{ numeric: ['>', '5'] }] },
      'a[0].numeric: "5" is not a number',
    ],
    ['an unknown comparison', { a: [{ numeric: ['!=', 5] }] }, 'a[0].numeric: unknown comparison "!="'],
    ['a range given upper bound first', { a: [{ numeric: ['<', 5, '>', 1] }] }, 'a[0].numeric: a range is'],
    ['an empty range', { a: [{ numeric: ['>', 5, '<', 1] }] }, 'a[0].numeric: the range is empty (5 to 1)'],
    ['exists that is not a boolean', { a: [{ exists: 'yes' }] }, 'a[0].exists: must be true or false'],
    [
      'anything-but mixing strings and numbers',
      { a: [{ 'anything-but': ['x', 1] }] },
      'a[0].anything-but: must be a string, a number, or a non-empty list',
    ],
    [
      'anything-but of an unknown operator',
      { a: [{ 'anything-but': { wildcard: '*' } }] },
      'a[0].anything-but: takes a value, a list, or one of prefix',
    ],
  ])('refuses %s, naming where', (_case, pattern, message) => {
    // Act
    const compiling = () => strict(pattern);

    // Assess
    expect(compiling).toThrow(FilterError);
    expect(compiling).toThrow(message);
  });

  it('reports every problem at once', () => {
    // Act
    let error: unknown;
    try {
      strict({ a: 'x', b: [], c: [{ exists: 1 }] });
    } catch (caught) {
      error = caught;
    }

    // Assess
    expect((error as FilterError).problems.map((problem) => problem.path)).toEqual(['a', 'b', 'c[0].exists']);
  });
});
