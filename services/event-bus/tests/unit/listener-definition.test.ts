import { describe, expect, it } from 'vitest';
import { InvalidListenerError } from '../../src/domain/errors.js';
import { parseListenerDefinition } from '../../src/domain/listener-definition.js';

const FUNCTION = 'arn:aws:lambda:eu-west-1:123456789012:function:allocate';
const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:allocations';

function problem(properties: Record<string, unknown>): InvalidListenerError {
  try {
    parseListenerDefinition({
      ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:bus',
      ...properties,
    });
  } catch (error) {
    if (error instanceof InvalidListenerError) return error;
    throw error;
  }
  throw new Error('the definition was accepted');
}

describe('listener definitions', () => {
  it.each([
    ['a lambda listener', { Event: 'allocationAccepted', Type: 'lambda', Arn: FUNCTION }],
    [
      'a function qualified by an alias',
      { Event: 'allocationAccepted', Type: 'lambda', Arn: `${FUNCTION}:live` },
    ],
    ['an sqs listener', { Event: 'allocationAccepted', Type: 'sqs', Arn: QUEUE }],
    ['a GovCloud queue', { Event: 'a', Type: 'sqs', Arn: 'arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q' }],
  ])('accepts %s', (_case, properties) => {
    // Act
    const definition = parseListenerDefinition(properties);

    // Assess
    expect(definition.target).toEqual({ type: properties.Type, arn: properties.Arn });
    expect(definition.filter).toBeNull();
  });

  it('keeps a filter given as an object as loose, and one given as JSON as typed', () => {
    // Act
    const object = parseListenerDefinition({ Event: 'a', Type: 'sqs', Arn: QUEUE, Filter: { count: ['5'] } });
    const json = parseListenerDefinition({ Event: 'a', Type: 'sqs', Arn: QUEUE, Filter: '{"count": [5]}' });
    const empty = parseListenerDefinition({ Event: 'a', Type: 'sqs', Arn: QUEUE, Filter: '' });

    // Assess
    expect(object).toMatchObject({ filter: { count: ['5'] }, filterLoose: true });
    expect(json).toMatchObject({ filter: { count: [5] }, filterLoose: false });
    expect(empty).toMatchObject({ filter: null });
  });

  it.each([
    [
      'an unknown type',
      { Event: 'a', Type: 'sns', Arn: QUEUE },
      'UNKNOWN_LISTENER_TYPE',
      'Type "sns" is not a listener type: use lambda or sqs',
    ],
    [
      'a function name instead of an ARN',
      { Event: 'a', Type: 'lambda', Arn: 'allocate' },
      'MALFORMED_ARN',
      'Arn "allocate" is not a Lambda function ARN',
    ],
    [
      'a queue URL instead of an ARN',
      { Event: 'a', Type: 'sqs', Arn: 'http://127.0.0.1:4566/123456789012/q' },
      'MALFORMED_ARN',
      'is not an SQS queue ARN',
    ],
    [
      'a FIFO queue',
      { Event: 'a', Type: 'sqs', Arn: `${QUEUE}.fifo` },
      'MALFORMED_ARN',
      'is a FIFO queue: the bus does not deliver in order',
    ],
    [
      'a bad account id',
      { Event: 'a', Type: 'lambda', Arn: 'arn:aws:lambda:eu-west-1:12345:function:f' },
      'MALFORMED_ARN',
      'is not a Lambda function ARN',
    ],
    [
      'a filter that is not JSON',
      { Event: 'a', Type: 'sqs', Arn: QUEUE, Filter: '{colour: red}' },
      'BAD_FILTER',
      'Filter is not valid JSON',
    ],
    [
      'a bad filter',
      { Event: 'a', Type: 'sqs', Arn: QUEUE, Filter: { colour: 'red' } },
      'BAD_FILTER',
      'Filter is not a valid content pattern: colour: must be a list',
    ],
    [
      'an event type that is not camelCase',
      { Event: 'allocation-accepted', Type: 'sqs', Arn: QUEUE },
      'BAD_EVENT_TYPE',
      'Event "allocation-accepted" is not an event type',
    ],
    ['a missing Arn', { Event: 'a', Type: 'sqs' }, 'INVALID_LISTENER', 'Arn is required'],
    [
      'a misspelt property',
      { Event: 'a', Type: 'sqs', Arn: QUEUE, Filters: {} },
      'INVALID_LISTENER',
      'unknown property Filters',
    ],
  ])('refuses %s with a reason that names it', (_case, properties, code, message) => {
    // Act
    const error = problem(properties);

    // Assess
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('names every problem of a definition at once', () => {
    // Act
    const error = problem({ Event: 'Bad Type', Type: 'kafka', Arn: 'x', Filter: '[' });

    // Assess
    expect(error.problems.map((entry) => entry.code)).toEqual([
      'BAD_EVENT_TYPE',
      'UNKNOWN_LISTENER_TYPE',
      'BAD_FILTER',
    ]);
    expect(error.code).toBe('INVALID_LISTENER');
  });
});
