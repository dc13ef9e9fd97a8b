import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalCloud, StackRecord } from '@motorcade/cloud';

/** What the identity services' SeedDemo functions created, kept so later starts can say it again. */
interface DemoData {
  readonly organisation: string;
  readonly users: readonly string[];
  readonly password?: string;
  readonly clientKey?: string;
  readonly devices: readonly { uniqueId: string; vehicleId: string; secret?: string }[];
}

/**
 * Seeds, once per environment, the demo organisation (users, a client API key, devices) through the
 * identity services' `SeedDemo` functions, keeps what they created in `<stateDir>/demo.json`
 * (mode 0600: it holds a password and keys) and prints how to log in. Does nothing when the
 * project has no users service.
 */
export async function seedDemo(
  cloud: LocalCloud,
  envName: string,
  stacks: readonly StackRecord[],
  stateDir: string,
  log: (line: string) => void,
): Promise<void> {
  const seeder = (service: string): string | undefined => {
    const stack = stacks.find((candidate) => candidate.service === service);
    return stack?.resources.SeedDemo?.physicalId;
  };
  const usersSeeder = seeder('users');
  if (!usersSeeder) return;
  const file = join(stateDir, 'demo.json');
  let demo = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as DemoData,
    () => undefined,
  );
  if (!demo) {
    const lambda = cloud.environment(envName).lambda;
    const call = async (name: string, payload: unknown): Promise<Record<string, unknown>> => {
      const result = await lambda.invoke(name, Buffer.from(JSON.stringify(payload)));
      const body = JSON.parse(result.payload.toString('utf8') || 'null') as Record<string, unknown>;
      if (result.functionError)
        throw new Error(`${name} failed: ${String(body?.errorMessage ?? 'see its log')}`);
      return body;
    };
    const users = await call(usersSeeder, {});
    const organisation = users.organisation as { id: string; slug: string };
    const clientsSeeder = seeder('clients');
    const devicesSeeder = seeder('devices');
    const clients = clientsSeeder ? await call(clientsSeeder, { orgId: organisation.id }) : {};
    const devices = devicesSeeder ? await call(devicesSeeder, { orgId: organisation.id }) : {};
    demo = {
      organisation: organisation.slug,
      users: ((users.users ?? []) as { email: string }[]).map((user) => user.email),
      ...(typeof users.password === 'string' ? { password: users.password } : {}),
      ...(typeof clients.key === 'string' ? { clientKey: clients.key } : {}),
      devices: ((devices.devices ?? []) as DemoData['devices'][number][]).map(
        ({ uniqueId, vehicleId, secret }) => ({
          uniqueId,
          vehicleId,
          ...(secret ? { secret } : {}),
        }),
      ),
    };
    await writeFile(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  }
  const gateway = cloud.gateway?.url ?? '';
  log(
    `motorcade: demo organisation '${demo.organisation}': ${demo.users.join(', ')}${demo.password ? ` · password ${demo.password}` : ''}`,
  );
  log(
    `motorcade: log in: curl -X POST ${gateway}/users/login -H 'content-type: application/json' -d '{"organisation":"${demo.organisation}","email":"${demo.users[0] ?? ''}","password":"${demo.password ?? '<password>'}"}'`,
  );
  if (demo.clientKey) log(`motorcade: demo client system API key (X-Api-Key): ${demo.clientKey}`);
  for (const device of demo.devices) {
    log(
      `motorcade: demo device ${device.uniqueId} (vehicle ${device.vehicleId})${device.secret ? ` key ${device.secret}` : ''}`,
    );
  }
  log(`motorcade: (kept in ${file})`);
}
