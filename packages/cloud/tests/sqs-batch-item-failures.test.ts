import { describe, expect, it } from 'vitest';
import { batchOutcome, type QueuedMessage, type ReceivedMessage } from '../src/sqs/index.js';

const batch: ReceivedMessage[] = ['m1', 'm2'].map((id) => ({
  message: { id } as QueuedMessage,
  receiptHandle: `handle-${id}`,
}));

describe('ReportBatchItemFailures responses', () => {
  it.each([
    ['no payload', '', []],
    ['null', 'null', []],
    ['an empty object', '{}', []],
    ['a null list', '{"batchItemFailures":null}', []],
    ['an empty list', '{"batchItemFailures":[]}', []],
    ['one failure', '{"batchItemFailures":[{"itemIdentifier":"m2"}]}', ['m2']],
  ])('treats %s as those failures only', (_name, payload, failed) => {
    // Act
    const outcome = batchOutcome(Buffer.from(payload), batch, true);

    // Assess
    expect(outcome).not.toBe('all');
    expect([...(outcome as Set<string>)]).toEqual(failed);
  });

  it.each([
    ['invalid JSON', '{"batchItemFailures":'],
    ['an empty identifier', '{"batchItemFailures":[{"itemIdentifier":""}]}'],
    ['a null identifier', '{"batchItemFailures":[{"itemIdentifier":null}]}'],
    ['a misspelt key', '{"batchItemFailures":[{"itemIdentifer":"m1"}]}'],
    ['an unknown message id', '{"batchItemFailures":[{"itemIdentifier":"m9"}]}'],
  ])('fails the whole batch on %s', (_name, payload) => {
    // Act
    const outcome = batchOutcome(Buffer.from(payload), batch, true);

    // Assess
    expect(outcome).toBe('all');
  });

  it('ignores the response when the mapping does not report batch item failures', () => {
    // Act
    const outcome = batchOutcome(
      Buffer.from('{"batchItemFailures":[{"itemIdentifier":"m1"}]}'),
      batch,
      false,
    );

    // Assess
    expect([...(outcome as Set<string>)]).toEqual([]);
  });
});
