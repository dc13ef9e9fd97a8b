/**
 * The ingestion benchmark's data: an organisation, a client API key that may write positions, and
 * the trackers, made by each stack's SeedDemo function as the demo is seeded.
 */
import { ENV } from './ingestion-project.mjs';

/**
 * Seeds organisation `bench` (users), an API key with `positions:write` (clients) and `total`
 * trackers, `bench-van-1` … (devices), each with its secret. Resolves with `{ orgId, key, devices }`.
 */
export async function seed(cloud, stacks, total) {
  const lambda = cloud.environment(ENV).lambda;
  const call = async (service, payload) => {
    const name = stacks.find((stack) => stack.service === service)?.resources.SeedDemo?.physicalId;
    if (!name) throw new Error(`the ${service} stack has no SeedDemo`);
    const result = await lambda.invoke(name, Buffer.from(JSON.stringify(payload)));
    const body = JSON.parse(result.payload.toString('utf8') || 'null');
    if (result.functionError) throw new Error(`${service} SeedDemo failed: ${JSON.stringify(body)}`);
    return body;
  };
  const users = await call('users', { organisation: 'bench', drivers: 1 });
  const orgId = users.organisation.id;
  const { key } = await call('clients', { orgId, scopes: ['positions:write'] });
  const devices = [];
  // SeedDemo takes at most 50 vehicles a call.
  for (let first = 0; first < total; first += 50) {
    const vehicleIds = Array.from(
      { length: Math.min(50, total - first) },
      (_, i) => `bench-van-${first + i + 1}`,
    );
    const seeded = await call('devices', { orgId, vehicleIds });
    devices.push(...seeded.devices);
  }
  if (devices.some((device) => !device.secret)) throw new Error('a seeded device came without its secret');
  return { orgId, key, devices };
}
