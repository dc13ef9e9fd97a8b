import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueuedEvent } from '../src/lambda/async-event.js';
import { JournalAsyncEventStore } from '../src/lambda/async-event-journal.js';
import { deferred, functionConfig } from './fixtures/lambda-service/fake-environments.js';
import { closeServices, json, serviceHarness } from './fixtures/lambda-service/service-harness.js';

const dirs: string[] = [];
const stores: JournalAsyncEventStore[] = [];
afterEach(async () => {
  await closeServices();
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motorcade-async-journal-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string): JournalAsyncEventStore {
  const store = new JournalAsyncEventStore(dir);
  stores.push(store);
  return store;
}

const journalLines = (dir: string): string[] =>
  readFileSync(join(dir, 'lambda', 'async-events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);

const event = (n: number): QueuedEvent => ({
  id: `request-${n}`,
  functionName: 'fn',
  payload: JSON.stringify({ n }),
  acceptedAtMs: 1_000 + n,
  attempts: 0,
  dueAtMs: 1_000 + n,
});

describe('JournalAsyncEventStore', () => {
  it('writes the events of one turn of the event loop as one line, durable when put resolves', async () => {
    // Prepare
    const dir = stateDir();
    const store = open(dir);

    // Act
    const written = Array.from({ length: 50 }, (_, n) => store.put(event(n)));
    await Promise.all(written);
    const lines = journalLines(dir);
    const restarted = open(dir);

    // Assess
    expect(new Set(written).size).toBe(1);
    expect(lines).toHaveLength(1);
    expect(
      restarted
        .all()
        .map((kept) => kept.id)
        .sort(),
    ).toEqual(Array.from({ length: 50 }, (_, n) => `request-${n}`).sort());
  });

  it('forgets deleted events after a restart', async () => {
    // Prepare
    const dir = stateDir();
    const store = open(dir);
    await Promise.all([store.put(event(1)), store.put(event(2)), store.put(event(3))]);

    // Act
    store.delete('request-2');
    store.close();

    // Assess
    expect(
      open(dir)
        .all()
        .map((kept) => kept.id),
    ).toEqual(['request-1', 'request-3']);
  });

  it('reads a journal written one entry per line, as earlier versions did', () => {
    // Prepare
    const dir = stateDir();
    mkdirSync(join(dir, 'lambda'));
    const old = { ...event(7), throttles: 3 };
    writeFileSync(
      join(dir, 'lambda', 'async-events.jsonl'),
      `${JSON.stringify({ put: old })}\n${JSON.stringify({ put: event(8) })}\n${JSON.stringify({ delete: 'request-8' })}\n`,
    );

    // Act
    const kept = open(dir).all();

    // Assess
    expect(kept).toMatchObject([{ id: 'request-7', payload: '{"n":7}', attempts: 0 }]);
  });

  it('journals an event once while it waits for an environment, however long it waits', async () => {
    // Prepare
    const dir = stateDir();
    const store = open(dir);
    const { service, fakes } = serviceHarness({ asyncEventStore: store });
    const gate = deferred();
    fakes.handlers.set('held.handler', () => gate.promise);
    service.createFunction(functionConfig('held', { reservedConcurrency: 1 }));

    // Act
    for (let n = 0; n < 10; n++) await service.invoke('held', json({ n }), { invocationType: 'Event' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const whileWaiting = journalLines(dir).join('\n');
    gate.resolve();
    await service.whenAsyncIdle();
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(whileWaiting.match(/"put"/g)).toHaveLength(10);
    expect(whileWaiting).not.toContain('"delete"');
    expect(
      journalLines(dir)
        .join('\n')
        .match(/"delete"/g),
    ).toHaveLength(10);
    expect(open(dir).all()).toEqual([]);
  });
});
