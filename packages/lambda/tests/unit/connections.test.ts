import { describe, expect, it, vi } from 'vitest';
import { type MongoClientLike, mongoConnection } from '../../src/connections/mongo-connection.js';
import { PersistentConnection } from '../../src/index.js';

/** A test double of MongoClient: connects, answers ping until `die()`, records close. */
class FakeMongoClient implements MongoClientLike {
  static made: FakeMongoClient[] = [];
  alive = true;
  connected = false;
  closed = false;
  constructor(readonly url: string) {
    FakeMongoClient.made.push(this);
  }
  async connect(): Promise<this> {
    this.connected = true;
    return this;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  db() {
    return {
      command: async (command: Record<string, unknown>) => {
        if (!this.alive) throw new Error('connection closed by peer');
        return { ok: 1, command };
      },
    };
  }
}

describe('PersistentConnection', () => {
  it('connects once and reuses the live connection', async () => {
    const connect = vi.fn(async () => ({ id: 1 }));
    const connection = new PersistentConnection({
      name: 'db',
      connect,
      isAlive: async () => true,
      close: async () => {},
    });

    const [a, b] = await Promise.all([connection.get(), connection.get()]);
    const c = await connection.get();

    expect(connect).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it('replaces a connection that fails or is too slow to answer its check', async () => {
    let n = 0;
    const close = vi.fn(async () => {});
    const health: Array<() => Promise<boolean>> = [async () => false, () => new Promise(() => {})];
    const connection = new PersistentConnection({
      name: 'db',
      connect: async () => ({ id: ++n }),
      isAlive: () => health.shift()?.() ?? Promise.resolve(true),
      close,
      aliveTimeoutMs: 50,
    });

    await connection.get();
    const second = await connection.get();
    const third = await connection.get();

    expect([second.id, third.id]).toEqual([2, 3]);
    expect(close).toHaveBeenCalledTimes(2);
    expect(connection.reconnects).toBe(2);
  });

  it('names the connection when connecting fails and tries again next time', async () => {
    let fail = true;
    const connection = new PersistentConnection({
      name: 'MongoDB',
      connect: async () => {
        if (fail) throw new Error('ECONNREFUSED');
        return 'ok';
      },
      isAlive: async () => true,
      close: async () => {},
    });

    await expect(connection.get()).rejects.toMatchObject({
      code: 'CONNECTION_FAILED',
      message: 'Could not connect to MongoDB',
    });
    fail = false;
    await expect(connection.get()).resolves.toBe('ok');
  });
});

describe('mongoConnection', () => {
  it('keeps a MongoClient across invocations and reconnects when ping fails', async () => {
    // Prepare
    FakeMongoClient.made = [];
    const mongo = mongoConnection({ url: 'mongodb://fake', createClient: (url) => new FakeMongoClient(url) });

    // Act
    const first = await mongo.client();
    const again = await mongo.client();
    first.alive = false;
    const replaced = await mongo.client();

    // Assess
    expect(again).toBe(first);
    expect(replaced).not.toBe(first);
    expect(first.closed).toBe(true);
    expect(replaced.connected).toBe(true);
    expect(FakeMongoClient.made).toHaveLength(2);
  });

  it.runIf(Boolean(process.env.MONGODB_URL))(
    'pings a real server and reuses the client (needs MONGODB_URL)',
    async () => {
      const mongo = mongoConnection({ url: process.env.MONGODB_URL ?? '' });
      const client = await mongo.client();
      expect(await mongo.client()).toBe(client);
      await mongo.close();
    },
  );
});
