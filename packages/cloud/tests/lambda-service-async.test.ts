import { afterEach, describe, expect, it } from 'vitest';
import { parseLineage } from '../src/lambda/recursion-guard.js';
import { deferred, functionConfig, linesOf } from './fixtures/lambda-service/fake-environments.js';
import {
  ACCOUNT,
  closeServices,
  json,
  REGION,
  serviceHarness,
} from './fixtures/lambda-service/service-harness.js';

afterEach(closeServices);

const ON_FAILURE = `arn:aws:sqs:${REGION}:${ACCOUNT}:failures`;
const ON_SUCCESS = `arn:aws:sns:${REGION}:${ACCOUNT}:successes`;
const DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
const ARN = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

describe('LambdaService: Event invocations', () => {
  it('answers 202 at once and runs the function in the background', async () => {
    const { service, fakes } = serviceHarness();
    const gate = deferred();
    const seen: unknown[] = [];
    fakes.handlers.set('bg.handler', async (event) => {
      await gate.promise;
      seen.push(event);
    });
    service.createFunction(functionConfig('bg'));

    const result = await service.invoke('bg', json({ n: 1 }), { invocationType: 'Event' });
    expect(result.statusCode).toBe(202);
    expect(result.payload.length).toBe(0);
    expect(seen).toEqual([]);
    gate.resolve();
    await service.whenAsyncIdle();

    expect(seen).toEqual([{ n: 1 }]);
  });

  it('retries a failing event twice, then sends AWS invocation record to OnFailure and the event to the DLQ', async () => {
    const { service, fakes, targets } = serviceHarness();
    let attempts = 0;
    fakes.handlers.set('fail.handler', () => {
      attempts++;
      throw new Error(`attempt ${attempts} failed`);
    });
    service.createFunction(
      functionConfig('fail', { asyncInvokeConfig: { onFailure: ON_FAILURE }, deadLetterTargetArn: DLQ }),
    );

    const accepted = await service.invoke('fail', json({ order: 7 }), { invocationType: 'Event' });
    await service.whenAsyncIdle();

    expect(attempts).toBe(3);
    const [record] = targets.to(ON_FAILURE);
    expect(record).toMatchObject({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      requestContext: {
        requestId: accepted.requestId,
        functionArn: `${ARN('fail')}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { order: 7 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'attempt 3 failed' },
    });
    expect(targets.to(DLQ)).toEqual([{ order: 7 }]);
  });

  it('honours MaximumRetryAttempts 0', async () => {
    const { service, fakes, targets } = serviceHarness();
    let attempts = 0;
    fakes.handlers.set('once.handler', () => {
      attempts++;
      throw new Error('no');
    });
    service.createFunction(
      functionConfig('once', { asyncInvokeConfig: { maximumRetryAttempts: 0, onFailure: ON_FAILURE } }),
    );

    await service.invoke('once', json({}), { invocationType: 'Event' });
    await service.whenAsyncIdle();

    expect(attempts).toBe(1);
    expect(targets.to(ON_FAILURE)).toMatchObject([{ requestContext: { approximateInvokeCount: 1 } }]);
  });

  it('gives up with EventAgeExceeded once an event is older than MaximumEventAgeInSeconds', async () => {
    const { service, fakes, targets } = serviceHarness({ asyncRetryDelaysMs: [1_200, 1_200] });
    fakes.handlers.set('late.handler', () => {
      throw new Error('still failing');
    });
    service.createFunction(
      functionConfig('late', { asyncInvokeConfig: { maximumEventAgeInSeconds: 1, onFailure: ON_FAILURE } }),
    );

    await service.invoke('late', json({}), { invocationType: 'Event' });
    await service.whenAsyncIdle();

    expect(targets.to(ON_FAILURE)).toMatchObject([
      { requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 1 } },
    ]);
  });

  it('sends the success record to OnSuccess', async () => {
    const { service, fakes, targets } = serviceHarness();
    fakes.handlers.set('ok.handler', (event) => ({ done: event }));
    service.createFunction(functionConfig('ok', { asyncInvokeConfig: { onSuccess: ON_SUCCESS } }));

    await service.invoke('ok', json({ id: 'x' }), { invocationType: 'Event' });
    await service.whenAsyncIdle();

    expect(targets.to(ON_SUCCESS)).toMatchObject([
      {
        requestContext: {
          condition: 'Success',
          approximateInvokeCount: 1,
          functionArn: `${ARN('ok')}:$LATEST`,
        },
        requestPayload: { id: 'x' },
        responseContext: { statusCode: 200, executedVersion: '$LATEST' },
        responsePayload: { done: { id: 'x' } },
      },
    ]);
  });

  it('retries a throttled event until concurrency frees up, without counting it as an attempt', async () => {
    const { service, fakes, targets } = serviceHarness({ concurrencyLimit: 1 });
    const gate = deferred();
    fakes.handlers.set('hold.handler', () => gate.promise);
    fakes.handlers.set('later.handler', () => 'ran');
    service.createFunction(functionConfig('hold'));
    service.createFunction(functionConfig('later', { asyncInvokeConfig: { onSuccess: ON_SUCCESS } }));

    const holding = service.invoke('hold', json({}));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await service.invoke('later', json({}), { invocationType: 'Event' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(targets.to(ON_SUCCESS)).toEqual([]);
    gate.resolve();
    await holding;
    await service.whenAsyncIdle();

    expect(targets.to(ON_SUCCESS)).toMatchObject([{ requestContext: { approximateInvokeCount: 1 } }]);
  });

  it('drops the 17th asynchronous invocation of a loop to the failure destination and says so in the log', async () => {
    const { service, fakes, targets, logs } = serviceHarness();
    fakes.handlers.set('loop.handler', () => null);
    service.createFunction(
      functionConfig('loop', { asyncInvokeConfig: { onFailure: ON_FAILURE }, deadLetterTargetArn: DLQ }),
    );
    await service.invoke('loop', json({}));
    const hash = [
      ...parseLineage(fakes.environments[0]!.invocations[0]!.traceId.split('Lineage=')[1]).keys(),
    ][0];

    const result = await service.invoke('loop', json({ hop: 17 }), {
      invocationType: 'Event',
      traceHeader: `Root=1-67891233-abcdef012345678912345678;Lineage=${hash}:16`,
    });
    await service.whenAsyncIdle();

    expect(result.statusCode).toBe(202);
    expect(fakes.environments[0]!.invocations).toHaveLength(1);
    expect(targets.to(ON_FAILURE)).toMatchObject([
      {
        requestContext: { condition: 'RecursiveInvocationDetected', approximateInvokeCount: 0 },
        requestPayload: { hop: 17 },
      },
    ]);
    expect(targets.to(DLQ)).toEqual([{ hop: 17 }]);
    expect(linesOf(logs, result.requestId).join('\n')).toContain('17th in a recursive loop');
  });
});
