import { MongoClient, type MongoClientOptions } from 'mongodb';
import { PersistentConnection } from './persistent-connection.js';

/** What the wrapper needs of a MongoDB client; the official `MongoClient` is one. */
export interface MongoClientLike {
  connect(): Promise<unknown>;
  close(force?: boolean): Promise<void>;
  db(name?: string): { command(command: Record<string, unknown>): Promise<unknown> };
}

/** Options of {@link mongoConnection}. */
export interface MongoConnectionOptions<TClient extends MongoClientLike> {
  readonly url: string;
  /** Driver options; the defaults fail fast (1 s to connect or select a server). */
  readonly options?: MongoClientOptions;
  /** Makes the client; tests pass a test double. */
  readonly createClient?: (url: string, options: MongoClientOptions) => TClient;
}

/**
 * A MongoDB client kept across invocations (connecting is slow, so the close-after-invocation
 * strategy does not fit): each `client()` reuses the connected client when a `ping` answers, else
 * connects a new one. Keep it at module level. Handlers of this library are async, so the open
 * sockets do not hold the response back (`callbackWaitsForEmptyEventLoop` only matters to callbacks).
 * @example
 * import { mongoConnection } from '@motorcade/lambda/mongodb';
 * const mongo = mongoConnection({ url: process.env.MONGODB_URL! });
 * const vehicles = (await mongo.client()).db('fleet').collection('vehicles');
 */
export function mongoConnection<TClient extends MongoClientLike = MongoClient>(
  options: MongoConnectionOptions<TClient>,
): { client(): Promise<TClient>; close(): Promise<void>; readonly reconnects: number } {
  // Without createClient, TClient is its default MongoClient, so the cast only restates that.
  const createClient =
    options.createClient ??
    ((url: string, driverOptions: MongoClientOptions) =>
      new MongoClient(url, driverOptions) as unknown as TClient);
  const driverOptions: MongoClientOptions = {
    connectTimeoutMS: 1_000,
    serverSelectionTimeoutMS: 1_000,
    ...options.options,
  };
  const connection = new PersistentConnection<TClient>({
    name: 'MongoDB',
    connect: async () => {
      const client = createClient(options.url, driverOptions);
      await client.connect();
      return client;
    },
    isAlive: async (client) => {
      await client.db('admin').command({ ping: 1 });
      return true;
    },
    close: (client) => client.close(true),
  });
  return {
    client: () => connection.get(),
    close: () => connection.close(),
    get reconnects() {
      return connection.reconnects;
    },
  };
}
