import { afterEach, describe, expect, it } from 'vitest';
import type { StartEnvironment } from '../src/lambda/environment-pool.js';
import {
  deferred,
  type FakeEnvironments,
  functionConfig,
} from './fixtures/lambda-service/fake-environments.js';
import {
  ACCOUNT,
  closeServices,
  json,
  REGION,
  serviceHarness,
} from './fixtures/lambda-service/service-harness.js';

afterEach(closeServices);

const ON_FAILURE = `arn:aws:sqs:${REGION}:${ACCOUNT}:failures`;
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LambdaService: dispatching Event invocations', () => {
  it('runs a burst in arrival order within the reserved concurrency, on that many environments', async () => {
    // Prepare
    const { service, fakes } = serviceHarness();
    const started: number[] = [];
    let running = 0;
    let mostRunning = 0;
    fakes.handlers.set('burst.handler', async (event) => {
      started.push((event as { n: number }).n);
      mostRunning = Math.max(mostRunning, ++running);
      await tick(2);
      running--;
    });
    service.createFunction(functionConfig('burst', { reservedConcurrency: 2 }));

    // Act
    for (let n = 0; n < 20; n++) {
      const accepted = await service.invoke('burst', json({ n }), { invocationType: 'Event' });
      expect(accepted.statusCode).toBe(202);
    }
    await service.whenAsyncIdle();

    // Assess
    expect(started).toEqual([...Array(20).keys()]);
    expect(mostRunning).toBe(2);
    expect(fakes.environments).toHaveLength(2);
  });

  it('caps the environments of an unreserved function and leaves the rest of the pool to synchronous invokes', async () => {
    // Prepare
    const { service, fakes } = serviceHarness({ concurrencyLimit: 5, asyncConcurrencyPerFunction: 3 });
    const gate = deferred();
    let ran = 0;
    fakes.handlers.set('slow.handler', async () => {
      await gate.promise;
      ran++;
    });
    fakes.handlers.set('sync.handler', () => 'answered');
    service.createFunction(functionConfig('slow'));
    service.createFunction(functionConfig('sync'));

    // Act
    for (let n = 0; n < 12; n++) await service.invoke('slow', json({ n }), { invocationType: 'Event' });
    await tick(20);
    const busy = service.stats();
    const synchronous = await service.invoke('sync', json({}));
    gate.resolve();
    await service.whenAsyncIdle();

    // Assess
    expect(busy.functions.slow).toMatchObject({ concurrentExecutions: 3, environments: 3 });
    expect(busy.pendingAsyncEvents).toBe(12);
    expect(synchronous.statusCode).toBe(200);
    expect(ran).toBe(12);
    expect(fakes.environments.filter((env) => env.config.name === 'slow')).toHaveLength(3);
  });

  it('starts one environment at a time for waiting events rather than cold-starting them all at once', async () => {
    // Prepare
    let fakes: FakeEnvironments | undefined;
    let starting = 0;
    let mostStarting = 0;
    const slowStart: StartEnvironment = async (config, options) => {
      mostStarting = Math.max(mostStarting, ++starting);
      await tick(30);
      starting--;
      return fakes!.start(config, options);
    };
    const harness = serviceHarness({ startEnvironment: slowStart });
    fakes = harness.fakes;
    let ran = 0;
    fakes.handlers.set('cold.handler', async () => {
      await tick(100);
      ran++;
    });
    harness.service.createFunction(functionConfig('cold'));

    // Act
    for (let n = 0; n < 6; n++)
      await harness.service.invoke('cold', json({ n }), { invocationType: 'Event' });
    await harness.service.whenAsyncIdle();

    // Assess
    expect(ran).toBe(6);
    expect(mostStarting).toBe(1);
    // The next environment starts as soon as the previous one is ready, not when its event is done.
    expect(fakes.environments.length).toBeGreaterThan(1);
  });

  it('gives up an event that waited for an environment longer than MaximumEventAgeInSeconds', async () => {
    // Prepare
    const { service, fakes, targets } = serviceHarness();
    let ran = 0;
    fakes.handlers.set('never.handler', () => {
      ran++;
    });
    service.createFunction(
      functionConfig('never', {
        reservedConcurrency: 0,
        asyncInvokeConfig: { maximumEventAgeInSeconds: 1, onFailure: ON_FAILURE },
      }),
    );

    // Act
    const accepted = await service.invoke('never', json({ waited: true }), { invocationType: 'Event' });
    await service.whenAsyncIdle();

    // Assess
    expect(ran).toBe(0);
    expect(targets.to(ON_FAILURE)).toMatchObject([
      {
        requestContext: {
          requestId: accepted.requestId,
          condition: 'EventAgeExceeded',
          approximateInvokeCount: 0,
        },
        requestPayload: { waited: true },
      },
    ]);
  });

  it('runs a waiting event as soon as a synchronous invoke of the function returns its unit', async () => {
    // Prepare
    const { service, fakes } = serviceHarness();
    const gate = deferred();
    const order: string[] = [];
    fakes.handlers.set('one.handler', async (event) => {
      const { via } = event as { via: string };
      order.push(`start ${via}`);
      if (via === 'sync') await gate.promise;
    });
    service.createFunction(functionConfig('one', { reservedConcurrency: 1 }));

    // Act
    const holding = service.invoke('one', json({ via: 'sync' }));
    await tick(5);
    await service.invoke('one', json({ via: 'event' }), { invocationType: 'Event' });
    await tick(20);
    const whileHeld = [...order];
    gate.resolve();
    await holding;
    await service.whenAsyncIdle();

    // Assess
    expect(whileHeld).toEqual(['start sync']);
    expect(order).toEqual(['start sync', 'start event']);
  });

  it('drops the waiting events of a function that is deleted', async () => {
    // Prepare
    const { service, fakes } = serviceHarness();
    const gate = deferred();
    const seen: number[] = [];
    fakes.handlers.set('gone.handler', async (event) => {
      seen.push((event as { n: number }).n);
      await gate.promise;
    });
    service.createFunction(functionConfig('gone', { reservedConcurrency: 1 }));
    for (let n = 0; n < 4; n++) await service.invoke('gone', json({ n }), { invocationType: 'Event' });
    await tick(5);

    // Act
    await service.deleteFunction('gone');
    gate.resolve();
    await service.whenAsyncIdle();

    // Assess
    expect(seen).toEqual([0]);
    expect(service.stats().pendingAsyncEvents).toBe(0);
  });
});
