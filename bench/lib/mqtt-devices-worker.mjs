/**
 * MQTT devices in a thread of their own: trackers are other machines, so their MQTT clients
 * should not spend the main thread the local cloud runs on (the bench process is both). The parent
 * sends `{ kind: 'connect' }`, then `{ kind: 'publish', topics, payloads }` (one list of payloads
 * per device, published in order, QoS 1, one in flight per device as a tracker does), then
 * `{ kind: 'end' }`. The worker answers `connected`, `progress` (every 250 acknowledgements, and the last),
 * `published`, `ended`, or `failed` with a message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectAsync } from 'mqtt';

const { broker, devices } = workerData;
let clients = [];

async function connect() {
  // Five at a time, as a fleet comes online over a moment rather than in one millisecond: fifty
  // authorizer cold starts at once on two busy cores overrun its 5 s timeout.
  for (let first = 0; first < devices.length; first += 5)
    clients.push(
      ...(await Promise.all(
        devices.slice(first, first + 5).map((device) =>
          connectAsync(broker, {
            clientId: device.deviceId,
            username: device.deviceId,
            password: device.secret,
            reconnectPeriod: 0,
          }),
        ),
      )),
    );
}

async function publish(payloads) {
  const total = payloads.reduce((sum, list) => sum + list.length, 0);
  let acknowledged = 0;
  await Promise.all(
    clients.map(async (client, index) => {
      const topic = `fleet/${devices[index].deviceId}/position`;
      for (const payload of payloads[index]) {
        await client.publishAsync(topic, payload, { qos: 1 });
        acknowledged += 1;
        if (acknowledged % 250 === 0 || acknowledged === total)
          parentPort.postMessage({ kind: 'progress', acknowledged });
      }
    }),
  );
}

parentPort.on('message', (message) => {
  const work =
    message.kind === 'connect'
      ? connect().then(() => ({ kind: 'connected' }))
      : message.kind === 'publish'
        ? publish(message.payloads).then(() => ({ kind: 'published' }))
        : Promise.all(clients.map((client) => client.endAsync())).then(() => {
            clients = [];
            return { kind: 'ended' };
          });
  work.then(
    (answer) => parentPort.postMessage(answer),
    (error) => parentPort.postMessage({ kind: 'failed', message: error.message }),
  );
});
