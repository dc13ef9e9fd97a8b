import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  createEvent,
  EVENT_BATCH_LIMIT,
  type EventEnvelope,
  EventTooLargeError,
  eventBatches,
  InvokeError,
  LAMBDA_ASYNC_LIMIT_BYTES,
  postEvents,
  setCorrelationId,
} from '../../src/index.js';

const lambda = mockClient(LambdaClient);
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:test-event-bus-SendEvent';
const CORRELATION_ID = '7d0c4f6e-2f0a-4b8e-9d7c-1a2b3c4d5e6f';

/** The payloads the bus was sent, in order, as JSON text. */
const payloadTexts = () =>
  lambda.commandCalls(InvokeCommand).map((call) => {
    expect(call.args[0].input).toMatchObject({ FunctionName: ARN, InvocationType: 'Event' });
    return Buffer.from(call.args[0].input.Payload as Uint8Array).toString('utf8');
  });
const payloads = () => payloadTexts().map((text) => JSON.parse(text));

/** `count` events `{ type: 'vehicleMoving', detail: { n } }`, n = 0, 1, … */
const numbered = (count: number) =>
  Array.from({ length: count }, (_, n) => ({ type: 'vehicleMoving', detail: { n } }));

/** The byte length of a batch's payload as SendEvent receives it. */
const batchBytes = (batch: readonly unknown[]) => Buffer.byteLength(JSON.stringify({ events: batch }));

beforeEach(() => {
  lambda.reset();
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  process.env.SEND_EVENT_ARN = ARN;
  process.env.AWS_REGION = 'eu-west-1';
  // As a handler of this library does before the user's code runs.
  setCorrelationId(CORRELATION_ID);
});

afterEach(() => {
  delete process.env.SEND_EVENT_ARN;
  setCorrelationId(undefined);
});

describe('postEvents', () => {
  it('sends nothing for no events', async () => {
    expect(await postEvents([])).toEqual([]);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('sends a lone event as a bare envelope, as older SendEvents accept it', async () => {
    const [event] = await postEvents([{ type: 'itemCreated', detail: { itemId: 'item-1' } }]);

    const [sent] = payloads();
    expect(payloads()).toHaveLength(1);
    expect(sent).toEqual(event);
    expect(sent).not.toHaveProperty('events');
    expect(sent).toMatchObject({ type: 'itemCreated', detail: { itemId: 'item-1' } });
  });

  it('sends 23 events as batches of 10, 10 and 3, in order, with distinct ids and one correlation id', async () => {
    // Act
    const envelopes = await postEvents(numbered(23));

    // Assess
    const sent = payloads();
    expect(sent.map((payload) => payload.events.length)).toEqual([10, 10, 3]);
    expect(sent.every((payload) => Object.keys(payload).join() === 'events')).toBe(true);
    const flat: EventEnvelope[] = sent.flatMap((payload) => payload.events);
    expect(flat).toEqual(envelopes);
    expect(flat.map((event) => event.detail)).toEqual(numbered(23).map((event) => event.detail));
    expect(new Set(flat.map((event) => event.id)).size).toBe(23);
    expect(new Set(flat.map((event) => event.correlationId))).toEqual(new Set([CORRELATION_ID]));
  });

  it('sends the batches one after the other: the next invoke starts once the previous one resolved', async () => {
    // Prepare: each invoke answers a few timer ticks later, so overlapping invokes would interleave.
    const steps: string[] = [];
    lambda.on(InvokeCommand).callsFake(async (input: { Payload: Uint8Array }) => {
      const first = JSON.parse(Buffer.from(input.Payload).toString('utf8')).events[0].detail.n;
      steps.push(`start ${first}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      steps.push(`end ${first}`);
      return { StatusCode: 202 };
    });

    // Act
    await postEvents(numbered(23));

    // Assess
    expect(steps).toEqual(['start 0', 'end 0', 'start 10', 'end 10', 'start 20', 'end 20']);
  });

  it.each([
    ['first', 0],
    ['in the second batch', 15],
    ['last', 22],
  ])('refuses the whole list, sending nothing, when an event over 1 MB is %s', async (_where, index) => {
    const events: { type: string; detail: unknown }[] = numbered(23);
    events[index] = { type: 'photoTaken', detail: { blob: 'x'.repeat(LAMBDA_ASYNC_LIMIT_BYTES) } };

    const error = await postEvents(events).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({ code: 'EVENT_TOO_LARGE', eventType: 'photoTaken' });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('sends an envelope too big to wrap in a batch, but within 1 MB, bare and on its own', async () => {
    // Prepare: an envelope 5 bytes under the limit; `{"events":[…]}` would add 13.
    const probe = JSON.stringify(createEvent('photoTaken', { blob: '' }));
    const blob = 'x'.repeat(LAMBDA_ASYNC_LIMIT_BYTES - Buffer.byteLength(probe) - 5);
    const events = [
      { type: 'before', detail: {} },
      { type: 'photoTaken', detail: { blob } },
      { type: 'after', detail: {} },
    ];

    // Act
    const envelopes = await postEvents(events);

    // Assess
    const texts = payloadTexts();
    expect(texts.map((text) => JSON.parse(text))).toEqual(envelopes);
    expect(Buffer.byteLength(texts[1] ?? '')).toBe(LAMBDA_ASYNC_LIMIT_BYTES - 5);
  });

  it('refuses to post without SEND_EVENT_ARN, naming the variable', async () => {
    delete process.env.SEND_EVENT_ARN;

    const error = await postEvents(numbered(2)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION_ERROR' });
    expect((error as Error).message).toContain('SEND_EVENT_ARN');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('rejects when a batch fails, after the batches before it were sent, and sends none after it', async () => {
    // Prepare: the bus takes the first batch and is unreachable for the second.
    lambda
      .on(InvokeCommand)
      .resolvesOnce({ StatusCode: 202 })
      .rejectsOnce(Object.assign(new Error('connect ECONNREFUSED'), { name: 'NetworkingError' }))
      .resolves({ StatusCode: 202 });

    // Act
    const error = await postEvents(numbered(23)).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(InvokeError);
    expect(error).toMatchObject({ code: 'INVOKE_FAILED' });
    const sent = payloads();
    expect(sent).toHaveLength(2);
    expect(sent[0].events.map((event: EventEnvelope) => event.detail)).toEqual(
      numbered(10).map((event) => event.detail),
    );
  });
});

describe('eventBatches', () => {
  /** An item whose JSON is exactly `bytes` long. */
  const sized = (bytes: number, type = 'probe') => {
    const blob = 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify({ type, blob: '' })));
    return { type, blob };
  };

  it('keeps every batch within the size limit and the count limit, in order, filling each before the next', () => {
    // Prepare: 60 items of 40 to 400 bytes (a fixed pseudo-random sequence), a 1,000-byte limit.
    let seed = 7;
    const items = Array.from({ length: 60 }, (_, index) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return sized(40 + (seed % 361), `t${index}`);
    });
    const limit = 1000;

    // Act
    const batches = eventBatches(items, undefined, limit);

    // Assess
    expect(batches.flat()).toEqual(items);
    for (const [index, batch] of batches.entries()) {
      expect(batch.length).toBeGreaterThanOrEqual(1);
      expect(batch.length).toBeLessThanOrEqual(EVENT_BATCH_LIMIT);
      if (batch.length > 1) expect(batchBytes(batch)).toBeLessThanOrEqual(limit);
      const next = batches[index + 1];
      // Greedy: the next batch's first item did not fit in this one.
      if (next)
        expect(batch.length === EVENT_BATCH_LIMIT || batchBytes([...batch, next[0]]) > limit).toBe(true);
    }
    expect(batches.some((batch) => batch.length > 1)).toBe(true);
  });

  it('puts at most ten small items in a batch', () => {
    const items = Array.from({ length: 25 }, () => sized(40));

    expect(eventBatches(items).map((batch) => batch.length)).toEqual([10, 10, 5]);
  });

  it.each([
    ['exactly at the limit', 0, [2]],
    ['one byte over it', -1, [1, 1]],
  ])('batches two items whose payload is %s accordingly', (_what, slack, expected) => {
    const items = [sized(100), sized(100)];
    const limit = batchBytes(items) + slack;

    expect(eventBatches(items, undefined, limit).map((batch) => batch.length)).toEqual(expected);
  });

  it('gives an item that fits alone, but not wrapped in a batch, a batch of its own', () => {
    // `{"events":[…]}` adds 13 bytes: 995 fits a 1,000-byte limit alone, not wrapped.
    const [before, big, after] = [sized(40, 'before'), sized(995, 'big'), sized(40, 'after')];

    const batches = eventBatches([before, big, after], undefined, 1000);

    expect(batches).toEqual([[before], [big], [after]]);
  });

  it('refuses an item over the limit on its own, naming its type and size', () => {
    expect(() => eventBatches([sized(40), sized(1001, 'huge')], undefined, 1000)).toThrow(
      expect.objectContaining({ code: 'EVENT_TOO_LARGE', eventType: 'huge', bytes: 1001 }),
    );
  });

  it('measures items by the given envelope JSON, not by the whole item', () => {
    // Two 480-byte envelopes fit 1,000 bytes wrapped (974); the items around them would not.
    const staged = Array.from({ length: 3 }, (_, n) => ({ id: `e${n}`, type: 't', envelope: sized(480) }));

    const batches = eventBatches(staged, (event) => JSON.stringify(event.envelope), 1000);

    expect(batches.map((batch) => batch.map((event) => event.id))).toEqual([['e0', 'e1'], ['e2']]);
  });
});
