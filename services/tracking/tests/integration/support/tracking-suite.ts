import { type ApiResponse, request } from '../../../../users/tests/support/api-client.js';
import { seedTenant, type Tenant } from '../../../../users/tests/support/tenants.js';
import { startTrackingCloud, type TrackingCloud } from './tracking-cloud.js';

/** A position as the feed, the latest positions and a vehicle's history show it. */
export interface FeedPosition {
  vehicleId: string;
  deviceId: string;
  lat: number;
  lon: number;
  fixTime: string;
  speedKph: number | null;
  heading: number | null;
}

/**
 * The moment `minutes` (plus `seconds`) before now, for fix times in the recent past.
 * @example
 * minutesAgo(50, 10).toISOString();
 */
export const minutesAgo = (minutes: number, seconds = 0): Date =>
  new Date(Date.now() - minutes * 60_000 + seconds * 1000);

/** The tracking cloud seeded with the tenant acme and its gateway's keys, and the calls the tests make on it. */
export interface TrackingSuite {
  readonly cloud: TrackingCloud;
  /** The gateway URL of the tracking API. */
  readonly api: string;
  readonly acme: Tenant;
  /** An API key of acme's gateway client with the scope positions:write. */
  readonly batchKey: string;
  /** An API key of acme's gateway client with the scope tracking:read only. */
  readonly readKey: string;
  /** Calls the OsmAnd endpoint with these query parameters and, when given, this body. */
  osmand(
    method: 'GET' | 'POST',
    query: Record<string, string>,
    init?: { body?: string; type?: string },
  ): Promise<Response>;
  /** POSTs a batch of positions with this API key. */
  batch(key: string, body: unknown): Promise<ApiResponse<{ accepted: number; duplicates: number }>>;
  /** How many positions of the device are stored. */
  storedCount(deviceId: string): Promise<number>;
  /** The details the bus logged of one event type whose `detail[key]` is `value`, oldest first. */
  busEvents(type: string, key: string, value: string): Promise<Record<string, unknown>[]>;
  /** A vehicle's position history, as a dispatcher of acme unless another token is given. */
  history(
    vehicleId: string,
    token?: string,
  ): Promise<ApiResponse<{ positions: FeedPosition[]; truncated: boolean }>>;
}

/**
 * Starts the tracking cloud (see {@link startTrackingCloud}), seeds the tenant acme and its
 * gateway client's two keys, and binds the suite's calls to them.
 * @example
 * ({ cloud, api, acme, osmand, busEvents } = await startTrackingSuite());
 */
export async function startTrackingSuite(): Promise<TrackingSuite> {
  const cloud = await startTrackingCloud();
  try {
    const api = cloud.api('tracking');
    const acme = await seedTenant(cloud, 'acme');
    const client = await request<{ id: string }>('POST', cloud.api('clients'), {
      token: acme.tokens.admin,
      body: { name: 'Gateway' },
    });
    const keyOf = async (scopes: string[]) =>
      (
        await request<{ key: string }>('POST', `${cloud.api('clients')}/${client.body.id}/keys`, {
          token: acme.tokens.admin,
          body: { scopes },
        })
      ).body.key;
    const batchKey = await keyOf(['positions:write']);
    const readKey = await keyOf(['tracking:read']);

    const osmand: TrackingSuite['osmand'] = (method, query, init = {}) =>
      fetch(`${api}/osmand?${new URLSearchParams(query)}`, {
        method,
        ...(init.body === undefined
          ? {}
          : { body: init.body, headers: { 'content-type': init.type ?? 'text/plain' } }),
      });
    const batch = (key: string, body: unknown) =>
      request<{ accepted: number; duplicates: number }>('POST', `${api}/positions`, {
        headers: { 'x-api-key': key },
        body,
      });
    const storedCount = async (deviceId: string): Promise<number> =>
      Number(
        (await cloud.db.query('SELECT count(*) FROM tracking.positions WHERE device_id = $1', [deviceId]))
          .rows[0].count,
      );
    const busEvents = async (type: string, key: string, value: string) =>
      (
        await cloud.db.query<{ detail: Record<string, unknown> }>(
          `SELECT detail FROM event_bus.events WHERE type = $1 AND detail->>'${key}' = $2 ORDER BY id`,
          [type, value],
        )
      ).rows.map((row) => row.detail);
    const history = (vehicleId: string, token = acme.tokens.dispatcher) =>
      request<{ positions: FeedPosition[]; truncated: boolean }>(
        'GET',
        `${api}/vehicles/${vehicleId}/positions`,
        { token },
      );

    return { cloud, api, acme, batchKey, readKey, osmand, batch, storedCount, busEvents, history };
  } catch (error) {
    // The test file's afterAll never sees a cloud whose seeding failed, so it is stopped here.
    await cloud.close();
    throw error;
  }
}
