/**
 * How the event bus benchmark publishes: as `postEvent` does, an asynchronous invoke (202) of the
 * bus's SendEvent — or of a floor relay — through the AWS SDK against the edge, or the same Invoke
 * request sent with plain HTTP.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createEvent } from '../../packages/lambda/dist/index.js';
import { ENV } from './event-bus-project.mjs';
import { keepAliveAgent, lambdaInvoker } from './http-invoker.mjs';

/**
 * Publishes as `postEvent` does (`transport: 'sdk'`, the AWS SDK's InvokeCommand), or sends the
 * same Invoke request with plain HTTP (`'http'`, over `sockets` keep-alive connections): the SDK
 * client costs the bench's main thread — which the local cloud shares — about a millisecond of CPU
 * a call (signing, middleware, ids), so the `http` figures show what the cloud and the bus accept
 * without the publisher's SDK in the way. `arns` maps each target (`bus`, `relayOne`, …) to the
 * function it invokes.
 */
export function publisher(cloud, arns, transport = 'sdk', sockets = 1) {
  if (transport === 'http') return httpPublisher(cloud, arns, sockets);
  const client = new LambdaClient({
    endpoint: cloud.edgeUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: `motorcade-${ENV}`, secretAccessKey: 'motorcade' },
    maxAttempts: 1,
  });
  return {
    /** Publishes event `n` of `type` to `target`: the bus, or a floor relay. */
    async publish(target, type, n) {
      const payload = JSON.stringify(createEvent(type, { n }, 'bench'));
      const result = await client.send(
        new InvokeCommand({ FunctionName: arns[target], InvocationType: 'Event', Payload: payload }),
      );
      if (result.StatusCode !== 202) throw new Error(`${target} answered ${result.StatusCode}`);
    },
    /** Publishes events `ns` in one batch, as `postEvents` does. */
    async publishBatch(target, type, ns) {
      const result = await client.send(
        new InvokeCommand({
          FunctionName: arns[target],
          InvocationType: 'Event',
          Payload: batchOf(type, ns),
        }),
      );
      if (result.StatusCode !== 202) throw new Error(`${target} answered ${result.StatusCode}`);
    },
    close: () => client.destroy(),
  };
}

/** The payload `postEvents` sends for events `ns`: `{ events: [envelope, …] }`. */
const batchOf = (type, ns) => JSON.stringify({ events: ns.map((n) => createEvent(type, { n }, 'bench')) });

function httpPublisher(cloud, arns, sockets) {
  const agent = keepAliveAgent(sockets);
  const invokers = Object.fromEntries(
    Object.entries(arns).map(([target, arn]) => [
      target,
      lambdaInvoker({ baseUrl: cloud.edgeUrl, functionName: arn, agent, invocationType: 'Event' }),
    ]),
  );
  return {
    async publish(target, type, n) {
      const result = await invokers[target](JSON.stringify(createEvent(type, { n }, 'bench')));
      if (result.status !== 202) throw new Error(`${target} answered ${result.status}: ${result.body}`);
    },
    async publishBatch(target, type, ns) {
      const result = await invokers[target](batchOf(type, ns));
      if (result.status !== 202) throw new Error(`${target} answered ${result.status}: ${result.body}`);
    },
    close: () => agent.destroy(),
  };
}
