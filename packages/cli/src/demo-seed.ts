import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalCloud, StackRecord } from '@motorcade/cloud';

/** One demo vehicle with its driver and tracker, as the simulator drives it. */
export interface DemoVehicle {
  readonly vehicleId: string;
  readonly name: string;
  readonly driverEmail: string;
  readonly deviceId?: string;
  readonly uniqueId?: string;
  /** The tracker's secret: only in the file, shown once by the devices service. */
  readonly secret?: string;
}

/** What the services' SeedDemo functions created, kept in `<stateDir>/demo.json`. */
export interface DemoData {
  readonly organisation: string;
  readonly users: readonly string[];
  readonly password?: string;
  readonly clientKey?: string;
  readonly vehicles: readonly DemoVehicle[];
}

/** The API-key scopes the demo client system gets: what the simulator's client bot needs. */
const DEMO_CLIENT_SCOPES = ['items:read', 'items:write', 'positions:write'];

type Call = (name: string, payload: unknown) => Promise<Record<string, unknown>>;

/** The demo file of an environment's state directory. */
export function demoFile(stateDir: string): string {
  return join(stateDir, 'demo.json');
}

/** Reads an environment's demo file; undefined when the environment was never seeded. */
export async function readDemo(file: string): Promise<DemoData | undefined> {
  return readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as DemoData,
    () => undefined,
  );
}

/**
 * Seeds, once per environment, the demo organisation through the services' `SeedDemo` functions:
 * users (an admin, a dispatcher and one driver per vehicle), a client API key, vehicles with their
 * drivers and a tracker each. Keeps what they created in `<stateDir>/demo.json` (mode 0600: it
 * holds a password and keys) and prints how to log in. Does nothing when the project has no users
 * service; services the project lacks are skipped.
 * @example
 * const demo = await seedDemo(cloud, 'local', records, stateDir, console.log, 20);
 */
export async function seedDemo(
  cloud: LocalCloud,
  envName: string,
  stacks: readonly StackRecord[],
  stateDir: string,
  log: (line: string) => void,
  fleetSize = 20,
): Promise<DemoData | undefined> {
  const seeder = (service: string): string | undefined =>
    stacks.find((candidate) => candidate.service === service)?.resources.SeedDemo?.physicalId;
  const usersSeeder = seeder('users');
  if (!usersSeeder) return undefined;
  const file = demoFile(stateDir);
  let demo = await readDemo(file);
  if (!demo) {
    const lambda = cloud.environment(envName).lambda;
    const call: Call = async (name, payload) => {
      const result = await lambda.invoke(name, Buffer.from(JSON.stringify(payload)));
      const body = JSON.parse(result.payload.toString('utf8') || 'null') as Record<string, unknown>;
      if (result.functionError)
        throw new Error(`${name} failed: ${String(body?.errorMessage ?? 'see its log')}`);
      return body;
    };
    demo = await seedServices(call, seeder, usersSeeder, fleetSize);
    await writeFile(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  }
  const gateway = cloud.gateway?.url ?? '';
  log(
    `motorcade: demo organisation '${demo.organisation}': ${summariseUsers(demo.users)}${demo.password ? ` · password ${demo.password}` : ''}`,
  );
  log(
    `motorcade: log in: curl -X POST ${gateway}/users/login -H 'content-type: application/json' -d '{"organisation":"${demo.organisation}","email":"${demo.users[0] ?? ''}","password":"${demo.password ?? '<password>'}"}'`,
  );
  if (demo.clientKey) log(`motorcade: demo client system API key (X-Api-Key): ${demo.clientKey}`);
  if (demo.vehicles.length > 0)
    log(
      `motorcade: ${demo.vehicles.length} demo vehicles, each with a driver and a tracker (keys in ${file})`,
    );
  return demo;
}

async function seedServices(
  call: Call,
  seeder: (service: string) => string | undefined,
  usersSeeder: string,
  fleetSize: number,
): Promise<DemoData> {
  const users = await call(usersSeeder, { drivers: fleetSize });
  const organisation = users.organisation as { id: string; slug: string };
  const userList = (users.users ?? []) as { id: string; email: string; role: string }[];
  const drivers = userList.filter((user) => user.role === 'driver');
  const orgId = organisation.id;
  const clientsSeeder = seeder('clients');
  const clients = clientsSeeder ? await call(clientsSeeder, { orgId, scopes: DEMO_CLIENT_SCOPES }) : {};
  const vehiclesSeeder = seeder('vehicles');
  const seededVehicles = vehiclesSeeder
    ? (((await call(vehiclesSeeder, { orgId, drivers: drivers.map((driver) => driver.id) })).vehicles ??
        []) as { vehicleId: string; name: string; driverId: string }[])
    : [];
  const devicesSeeder = seeder('devices');
  const devices =
    devicesSeeder && seededVehicles.length > 0
      ? (((await call(devicesSeeder, { orgId, vehicleIds: seededVehicles.map((v) => v.vehicleId) }))
          .devices ?? []) as { deviceId: string; vehicleId: string; uniqueId: string; secret?: string }[])
      : [];
  return {
    organisation: organisation.slug,
    users: userList.map((user) => user.email),
    ...(typeof users.password === 'string' ? { password: users.password } : {}),
    ...(typeof clients.key === 'string' ? { clientKey: clients.key } : {}),
    vehicles: seededVehicles.map((vehicle) => {
      const device = devices.find((candidate) => candidate.vehicleId === vehicle.vehicleId);
      return {
        vehicleId: vehicle.vehicleId,
        name: vehicle.name,
        driverEmail: drivers.find((driver) => driver.id === vehicle.driverId)?.email ?? '',
        ...(device
          ? {
              deviceId: device.deviceId,
              uniqueId: device.uniqueId,
              ...(device.secret ? { secret: device.secret } : {}),
            }
          : {}),
      };
    }),
  };
}

/** `admin@demo.example, dispatcher@demo.example, driver1…driver20@demo.example`. */
function summariseUsers(users: readonly string[]): string {
  const drivers = users.filter((email) => /^driver\d+@/.test(email));
  const others = users.filter((email) => !drivers.includes(email));
  if (drivers.length <= 2) return users.join(', ');
  const domain = drivers[0]?.split('@')[1] ?? '';
  return [...others, `driver1…driver${drivers.length}@${domain}`].join(', ');
}
