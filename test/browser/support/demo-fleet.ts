import type { LocalCloud, StackRecord } from '@motorcade/cloud';
import { call, expectStatus } from './http.js';

/** The password the demo organisation's users get in the browser tests. */
export const DEMO_PASSWORD = 'browser test password 42';
export const DEMO_ORGANISATION = 'demo';

/** The NoEcho secrets stacks need (`motorcade dev` generates them; tests pass their own). */
export const STACK_SECRETS: Readonly<Record<string, Record<string, string>>> = {
  users: { JwtSecret: 'browser-test-jwt-secret-0123456789abcdefghij' },
  'event-bus': { OpsTokenSecret: 'browser-test-ops-token-0123456789' },
};

/** A vehicle of the demo fleet with its tracker's credentials. */
export interface DemoVehicle {
  readonly vehicleId: string;
  readonly name: string;
  readonly uniqueId: string;
  readonly secret: string;
}

/** What the browser test drives: logins, a client key, vehicles with trackers, the first driver. */
export interface DemoFleet {
  readonly orgId: string;
  readonly adminEmail: string;
  readonly adminToken: string;
  readonly clientKey: string;
  readonly vehicles: readonly DemoVehicle[];
  readonly driverToken: string;
}

/**
 * Seeds the demo organisation as `motorcade dev` does (users and client SeedDemo functions), then,
 * through the fleet's public APIs: two vehicles, a tracker for each, driver1 assigned to the first.
 * Nobody is on duty yet.
 * @example
 * const fleet = await setUpDemoFleet(system.cloud, 'test', system.stacks, gatewayUrl);
 */
export async function setUpDemoFleet(
  cloud: LocalCloud,
  env: string,
  stacks: readonly StackRecord[],
  gateway: string,
): Promise<DemoFleet> {
  const seed = async (service: string, payload: unknown): Promise<Record<string, unknown>> => {
    const name = stacks.find((stack) => stack.service === service)?.resources.SeedDemo?.physicalId;
    if (!name) throw new Error(`The ${service} stack has no SeedDemo function`);
    const result = await cloud.environment(env).lambda.invoke(name, Buffer.from(JSON.stringify(payload)));
    const body = JSON.parse(result.payload.toString('utf8')) as Record<string, unknown>;
    if (result.functionError) throw new Error(`${service}.SeedDemo failed: ${JSON.stringify(body)}`);
    return body;
  };
  const users = await seed('users', { organisation: DEMO_ORGANISATION, password: DEMO_PASSWORD });
  const orgId = (users.organisation as { id: string }).id;
  const people = users.users as { id: string; email: string }[];
  const idOf = (local: string): string => {
    const user = people.find((candidate) => candidate.email === `${local}@${DEMO_ORGANISATION}.example`);
    if (!user) throw new Error(`SeedDemo created no ${local}`);
    return user.id;
  };
  const clients = await seed('clients', { orgId, scopes: ['items:read', 'items:write'] });
  const login = async (email: string): Promise<string> =>
    (
      await expectStatus<{ accessToken: string }>(200, 'POST', `${gateway}/users/login`, {
        body: { organisation: DEMO_ORGANISATION, email, password: DEMO_PASSWORD },
      })
    ).accessToken;
  const adminEmail = `admin@${DEMO_ORGANISATION}.example`;
  const adminToken = await login(adminEmail);
  const vehicles: DemoVehicle[] = [];
  for (const [index, name] of ['Van 1', 'Van 2'].entries()) {
    const vehicle = await expectStatus<{ vehicleId: string }>(201, 'POST', `${gateway}/vehicles`, {
      token: adminToken,
      body: { name, plate: `MC-10${index + 1}`, vehicleType: 'van', capacityKg: 800 },
    });
    const device = await expectStatus<{ uniqueId: string; secret: string }>(
      201,
      'POST',
      `${gateway}/devices`,
      {
        token: adminToken,
        body: { vehicleId: vehicle.vehicleId, name: `${name} tracker` },
      },
    );
    vehicles.push({ vehicleId: vehicle.vehicleId, name, uniqueId: device.uniqueId, secret: device.secret });
  }
  await expectStatus(200, 'PUT', `${gateway}/vehicles/${vehicles[0]?.vehicleId}/driver`, {
    token: adminToken,
    body: { driverId: idOf('driver1') },
  });
  return {
    orgId,
    adminEmail,
    adminToken,
    clientKey: String(clients.key),
    vehicles,
    driverToken: await login(`driver1@${DEMO_ORGANISATION}.example`),
  };
}

/**
 * Sends one OsmAnd position as Traccar Client does (`POST /tracking/osmand?id=&key=&lat=&lon=&timestamp=`).
 * @example
 * await sendOsmAnd(gateway, vehicle, { lat: 52.52, lon: 13.4 });
 */
export async function sendOsmAnd(
  gateway: string,
  vehicle: DemoVehicle,
  point: { lat: number; lon: number },
  at: Date = new Date(),
): Promise<void> {
  const query = new URLSearchParams({
    id: vehicle.uniqueId,
    key: vehicle.secret,
    lat: String(point.lat),
    lon: String(point.lon),
    timestamp: String(Math.floor(at.getTime() / 1000)),
    speed: '12',
  });
  const answer = await call('POST', `${gateway}/tracking/osmand?${query}`);
  if (answer.status !== 200)
    throw new Error(`OsmAnd position refused: ${answer.status} ${JSON.stringify(answer.body)}`);
}
