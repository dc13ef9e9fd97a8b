import { describe, expect, it } from 'vitest';
import { redriveUnlogged, type UnloggedMessage } from '../../src/domain/unlogged-redrive.js';

function queue(messages: UnloggedMessage[], failing: Set<string> = new Set()) {
  const calls: string[] = [];
  let waiting = [...messages];
  return {
    calls,
    left: () => waiting,
    ports: {
      receive: async () => waiting.slice(0, 10),
      resend: async (body: string) => {
        calls.push(`resend ${body}`);
        if (failing.has(body)) throw new Error('database still down');
      },
      remove: async (message: UnloggedMessage) => {
        calls.push(`remove ${message.body}`);
        waiting = waiting.filter((candidate) => candidate !== message);
      },
      release: async (message: UnloggedMessage) => {
        calls.push(`release ${message.body}`);
      },
    },
  };
}

const message = (body: string, sentAt: number): UnloggedMessage => ({ receiptHandle: body, body, sentAt });

describe('the redrive of unlogged events', () => {
  it('resends old dead letters, removes those logged, keeps those that fail again, leaves young ones', async () => {
    const now = 1_000_000;
    const dlq = queue(
      [
        message('old-ok', now - 120_000),
        message('old-failing', now - 120_000),
        message('young', now - 5_000),
      ],
      new Set(['old-failing']),
    );
    const summary = await redriveUnlogged(dlq.ports, { now, minAgeMs: 60_000, timeIsUp: () => false });
    expect(summary).toEqual({ logged: 1, failedAgain: 1, tooYoung: 1 });
    expect(dlq.left().map((left) => left.body)).toEqual(['old-failing', 'young']);
    expect(dlq.calls).toContain('release young');
    expect(dlq.calls).not.toContain('resend young');
  });

  it('stops when its time is up', async () => {
    const dlq = queue([message('a', 0)]);
    const summary = await redriveUnlogged(dlq.ports, { now: 1e9, minAgeMs: 0, timeIsUp: () => true });
    expect(summary).toEqual({ logged: 0, failedAgain: 0, tooYoung: 0 });
  });
});
