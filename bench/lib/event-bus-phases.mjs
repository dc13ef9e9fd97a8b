/**
 * The event bus benchmark's measuring phases, each run against the bus or a floor relay with a
 * publisher (event-bus-publisher.mjs) and timed by the listeners' receipts (event-bus-receipts.mjs):
 * publish → listener latency, a burst's accepted and drained rates, and fixed rates held for a few
 * seconds.
 */

import { THREE } from './event-bus-project.mjs';
import { progress } from './progress.mjs';
import { summarize } from './stats.mjs';

const SUITE = 'event-bus';

// Wall-clock milliseconds, comparable with the receipts' times taken in the functions' threads.
const now = () => performance.timeOrigin + performance.now();
const sleep = (msec) => new Promise((resolve) => setTimeout(resolve, msec));

/** Event numbers are unique across phases, so every receipt belongs to exactly one publish. */
let nextNumber = 0;
const numbers = (count) => Array.from({ length: count }, () => nextNumber++);

/**
 * Sequential publishes, a pause between, in interleaved blocks of each target. Resolves with, by
 * target, the `latency` (publish → `listener`), the publish call's (`ack`), publish → the bus logs
 * it (`toLog`) and logged → `listener` (`fromLog`), each summarized over the samples after warm-up.
 */
export async function measureLatency(
  client,
  receipts,
  { targets, type, listener, warmup, samples, block, pauseMs, label },
) {
  const sent = new Map(targets.map((target) => [target, new Map()]));
  const acked = new Map(targets.map((target) => [target, []]));
  const total = (warmup + samples) * targets.length;
  const tick = progress(SUITE, label, total);
  let done = 0;
  for (let start = 0; start < warmup + samples; start += block ?? warmup + samples) {
    const order = (start / (block ?? 1)) % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const count = Math.min(block ?? warmup + samples, warmup + samples - start);
      for (const n of numbers(count)) {
        const before = now();
        sent.get(target).set(n, before);
        await client.publish(target, type, n);
        if (sent.get(target).size > warmup) acked.get(target).push(now() - before);
        tick(++done);
        await sleep(pauseMs);
      }
    }
  }
  const all = targets.flatMap((target) => [...sent.get(target).keys()]);
  await receipts.waitFor(
    all.map((n) => `${listener}:${n}`),
    60_000,
    `every ${label} receipt`,
  );
  return Object.fromEntries(
    targets.map((target) => {
      const measured = [...sent.get(target).entries()].slice(warmup);
      const latency = measured.map(([n, at]) => receipts.receivedAt.get(`${listener}:${n}`) - at);
      // The envelope's time is when SendEvent's append began (PostgreSQL's now(), in milliseconds).
      const toLog = measured.map(([n, at]) => receipts.loggedAt.get(`${listener}:${n}`) - at);
      const fromLog = measured.map(
        ([n]) => receipts.receivedAt.get(`${listener}:${n}`) - receipts.loggedAt.get(`${listener}:${n}`),
      );
      return [
        target,
        {
          latency: summarize(latency),
          ack: summarize(acked.get(target)),
          toLog: summarize(toLog),
          fromLog: summarize(fromLog),
        },
      ];
    }),
  );
}

/** The receipts of events delivered to all three listeners. */
const toThree = (list) => list.flatMap((n) => THREE.map((name) => `${name}:${n}`));

/**
 * A burst of publishes as fast as `inFlight` publishers go: the 202 rate (events per second), then
 * the drain rate. With `batch` > 1 each publish is a batch of that many events, as `postEvents` sends.
 */
export async function measureBurst(client, receipts, target, type, { events, inFlight, batch = 1 }) {
  const list = numbers(events);
  const tick = progress(
    SUITE,
    `burst of ${events} events to ${target}${batch > 1 ? ` in batches of ${batch}` : ''}`,
    events,
  );
  let index = 0;
  let published = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (index < list.length) {
        const ns = list.slice(index, index + batch);
        index += ns.length;
        if (batch > 1) await client.publishBatch(target, type, ns);
        else await client.publish(target, type, ns[0]);
        published += ns.length;
        tick(published);
      }
    }),
  );
  const acceptedMs = now() - started;
  await receipts.waitFor(toThree(list), 600_000, `the ${target} burst to drain`);
  return {
    acceptedPerSecond: list.length / (acceptedMs / 1000),
    drainedPerSecond: list.length / ((now() - started) / 1000),
  };
}

/**
 * Publishes at a fixed rate (open loop) for `seconds`; sustained if all arrive within `graceMs` of
 * the last publish.
 */
export async function measureRate(client, receipts, target, type, { perSecond, seconds, graceMs }) {
  const total = perSecond * seconds;
  const list = numbers(total);
  const sentAt = new Map();
  const pending = [];
  const started = now();
  for (const [index, n] of list.entries()) {
    const wait = started + (index * 1000) / perSecond - now();
    if (wait > 1) await sleep(wait);
    sentAt.set(n, now());
    pending.push(client.publish(target, type, n));
    if (pending.length >= 256) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const lastPublish = now();
  const offered = total / ((lastPublish - started) / 1000);
  let sustained = true;
  try {
    await receipts.waitFor(toThree(list), graceMs, 'the grace period');
  } catch {
    sustained = false;
    // Let the backlog drain before the next step, so one step's overload does not spill into the next.
    await receipts.waitFor(toThree(list), 600_000, `the ${perSecond}/s backlog to drain`);
  }
  const latencies = list.flatMap((n) =>
    THREE.map((name) => receipts.receivedAt.get(`${name}:${n}`) - sentAt.get(n)),
  );
  return { perSecond, offered, sustained, latency: summarize(latencies) };
}
