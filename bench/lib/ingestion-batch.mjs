/**
 * The batch phase of the ingestion benchmark (bench/ingestion.mjs): `POST /tracking/positions` with
 * an API key (`positions:write`), requests of many positions from gateways of trackers, several in
 * flight; positions/s from the first send to the last 202, checked against the rows
 * `tracking.positions` gained.
 */
import { send } from './http-send.mjs';
import { load, perSecond, rate } from './ingestion-format.mjs';
import { progress, say } from './progress.mjs';
import { storedCount } from './stored-positions.mjs';

const SUITE = 'ingestion';

/**
 * A sender of `POST /tracking/positions` batches with the client API `key`, over `agent`: the fleet
 * split into `gateways` of `perGateway` trackers, each request `positions` fixes of one gateway's
 * trackers, the gateways in turn. The returned function sends `requests` batches, `inFlight` at a
 * time, and fails on any answer but 202 without duplicates.
 */
export function batchSender({ gatewayUrl, key, fleet, agent, gateways, perGateway, perRequest }) {
  let sent = 0;
  /** The next request of gateway `g`: 40 consecutive fixes of each of its trackers, by time. */
  const body = (g) => {
    const trackers = fleet.slice(g * perGateway, (g + 1) * perGateway);
    const steps = perRequest / trackers.length;
    const positions = [];
    for (let step = 0; step < steps; step++)
      for (const tracker of trackers) {
        const fix = tracker.track.next();
        positions.push({
          deviceId: tracker.uniqueId,
          fixTime: new Date(fix.fixMs).toISOString(),
          latitude: fix.lat,
          longitude: fix.lon,
          speedKph: fix.speedKph,
          course: fix.course,
          accuracy: 5,
          battery: 80,
        });
      }
    return JSON.stringify({ positions });
  };
  const url = new URL(`${gatewayUrl}/tracking/positions`);
  /** Sends `requests` batches, `inFlight` at a time; resolves with the elapsed time and positions accepted. */
  return async (requests, inFlight, label) => {
    const bodies = Array.from({ length: requests }, () => body(sent++ % gateways));
    const tick = label ? progress(SUITE, label, requests) : () => {};
    let next = 0;
    let done = 0;
    let accepted = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < bodies.length) {
          const payload = bodies[next++];
          const response = await send(agent, url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': key },
            body: payload,
          });
          if (response.status !== 202)
            throw new Error(
              `POST /tracking/positions answered ${response.status}: ${response.body.slice(0, 300)}`,
            );
          const answer = JSON.parse(response.body);
          if (answer.duplicates !== 0) throw new Error(`a batch had ${answer.duplicates} duplicates`);
          accepted += answer.accepted;
          tick(++done);
        }
      }),
    );
    return { elapsedMs: performance.now() - started, accepted };
  };
}

/**
 * The batch phase, with `sizes` `{ positions, inFlight, requests, warmup }`: `warmup` requests 8 in
 * flight, then `requests` at each of `inFlight`. Each step's positions must all be accepted and
 * stored; `context` gives `db`, `sendBatches` (a `batchSender`) and the invocation `snapshot`. Resolves with a result per step: positions stored per
 * second, elapsed and per-request time, and the invocations it caused.
 */
export async function measureBatch(context, sizes) {
  const { db, sendBatches, snapshot } = context;
  say(SUITE, `batch: warming up, ${sizes.warmup} requests, 8 in flight (load ${load()})`);
  await sendBatches(sizes.warmup, 8);
  const results = [];
  for (const inFlight of sizes.inFlight) {
    const before = await storedCount(db);
    const invocations = snapshot();
    const { elapsedMs, accepted } = await sendBatches(
      sizes.requests,
      inFlight,
      `batch, ${inFlight} in flight: requests of ${sizes.positions} positions`,
    );
    const stored = (await storedCount(db)) - before;
    const positions = sizes.requests * sizes.positions;
    if (stored !== positions || accepted !== positions)
      throw new Error(
        `batch, ${inFlight} in flight: sent ${positions}, accepted ${accepted}, stored ${stored}`,
      );
    const result = {
      inFlight,
      positions,
      elapsedMs,
      storedPerSecond: perSecond(stored, elapsedMs),
      requestMs: elapsedMs / (sizes.requests / inFlight),
      invocations: invocations.since(),
      load: load(),
    };
    say(
      SUITE,
      `batch, ${inFlight} in flight: ${stored} stored in ${(elapsedMs / 1000).toFixed(2)} s = ${rate(result.storedPerSecond)} (load ${result.load})`,
    );
    results.push(result);
  }
  return results;
}
