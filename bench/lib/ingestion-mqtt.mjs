/**
 * The MQTT phase of the ingestion benchmark (bench/ingestion.mjs): devices connected with the `mqtt`
 * client (client id = username = device id, password = its secret) publish QoS 1 to
 * `fleet/<deviceId>/position` as fast as the broker acknowledges (the topic rule queues each on
 * MqttPositions, IngestMqtt drains it in batches); positions/s from the first publish until the
 * table holds them all.
 *
 * The devices' clients run in a worker thread (mqtt-devices-worker.mjs), as trackers are other
 * machines and must not spend the main thread the local cloud runs on.
 */
import { Worker } from 'node:worker_threads';
import { ms } from './format.mjs';
import { load, perSecond, rate } from './ingestion-format.mjs';
import { progress, say } from './progress.mjs';
import { storedCount, waitForRows } from './stored-positions.mjs';

const SUITE = 'ingestion';

/**
 * The MQTT phase, with `sizes` `{ devices, messages, warmupPerDevice }`: the first `devices` of the
 * fleet connect to the broker, publish `warmupPerDevice` messages each, then `messages` in all
 * (rounded up to a whole number per device). `context` gives `db`, `broker`, the `fleet` (with
 * their tracks) and the invocation `snapshot`. Resolves with the positions, the
 * acknowledged and stored rates, the tail from the last acknowledgement until the table held them
 * all, and the invocations it caused.
 */
export async function measureMqtt(context, sizes) {
  const { db, broker, fleet, snapshot } = context;
  const devices = fleet.slice(0, sizes.devices);
  say(SUITE, `mqtt: connecting ${devices.length} devices to ${broker} in their own thread (load ${load()})`);
  const worker = new Worker(new URL('./mqtt-devices-worker.mjs', import.meta.url), {
    workerData: { broker, devices: devices.map(({ deviceId, secret }) => ({ deviceId, secret })) },
  });
  /** Sends one command to the devices' thread; resolves with its answer, reporting progress meanwhile. */
  const command = (message, onProgress = () => {}) =>
    new Promise((resolve, reject) => {
      const listen = (answer) => {
        if (answer.kind === 'progress') return onProgress(answer.acknowledged);
        worker.off('message', listen);
        if (answer.kind === 'failed') reject(new Error(`MQTT devices: ${answer.message}`));
        else resolve(answer);
      };
      worker.on('message', listen);
      worker.postMessage(message);
    });
  // The fixes are made here, so the tracks go on where the earlier phases left them.
  const payloads = (perDevice) =>
    devices.map((device) =>
      Array.from({ length: perDevice }, () => {
        const fix = device.track.next();
        return JSON.stringify({
          lat: fix.lat,
          lon: fix.lon,
          fixTime: new Date(fix.fixMs).toISOString(),
          speedKph: fix.speedKph,
          heading: fix.course,
          accuracy: 5,
          battery: 80,
        });
      }),
    );
  try {
    await command({ kind: 'connect' });
    const warmup = devices.length * sizes.warmupPerDevice;
    say(SUITE, `mqtt: warming up, ${warmup} messages`);
    const beforeWarmup = await storedCount(db);
    await command({ kind: 'publish', payloads: payloads(sizes.warmupPerDevice) });
    await waitForRows(db, beforeWarmup + warmup, 120_000, 'the MQTT warm-up to be stored');

    const perDevice = Math.ceil(sizes.messages / devices.length);
    const total = perDevice * devices.length;
    const messages = payloads(perDevice);
    const before = await storedCount(db);
    const invocations = snapshot();
    const tick = progress(SUITE, `mqtt: QoS 1 publishes acknowledged (${devices.length} devices)`, total);
    const started = performance.now();
    const stored = waitForRows(db, before + total, 600_000, 'the MQTT positions to be stored');
    await command({ kind: 'publish', payloads: messages }, tick);
    const ackedAt = performance.now();
    say(
      SUITE,
      `mqtt: all ${total} acknowledged in ${((ackedAt - started) / 1000).toFixed(2)} s; waiting for the table`,
    );
    const storedAt = await stored;
    const result = {
      positions: total,
      ackedPerSecond: perSecond(total, ackedAt - started),
      storedPerSecond: perSecond(total, storedAt - started),
      elapsedMs: storedAt - started,
      tailMs: Math.max(0, storedAt - ackedAt),
      invocations: invocations.since(),
      load: load(),
    };
    say(
      SUITE,
      `mqtt: ${total} stored in ${(result.elapsedMs / 1000).toFixed(2)} s = ${rate(result.storedPerSecond)}, tail after the last ack ${ms(result.tailMs)} (load ${result.load})`,
    );
    return result;
  } finally {
    await command({ kind: 'end' }).catch(() => {});
    await worker.terminate();
  }
}
