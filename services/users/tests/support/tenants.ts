import { z } from 'zod';
import { request } from './api-client.js';
import type { IdentityCloud } from './identity-cloud.js';

/** The password the test tenants' users get. */
export const TEST_PASSWORD = 'correct horse battery staple';

const seededSchema = z.object({
  created: z.boolean(),
  organisation: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  users: z.array(z.object({ id: z.string(), email: z.string(), role: z.string() })),
});

/** A seeded organisation with its users' ids and logged-in access tokens by role. */
export interface Tenant {
  readonly orgId: string;
  readonly slug: string;
  readonly userIds: Readonly<Record<'admin' | 'dispatcher' | 'driver1' | 'driver2', string>>;
  readonly tokens: Readonly<Record<'admin' | 'dispatcher' | 'driver1', string>>;
}

/**
 * Seeds an organisation through the users stack's `SeedDemo` function and logs its admin,
 * dispatcher and first driver in through the API.
 * @example
 * const acme = await seedTenant(cloud, 'acme');
 */
export async function seedTenant(cloud: IdentityCloud, slug: string): Promise<Tenant> {
  const seeded = await cloud.call(
    'users',
    'SeedDemo',
    { organisation: slug, name: `${slug} fleet`, password: TEST_PASSWORD },
    seededSchema,
  );
  const idOf = (local: string): string => {
    const user = seeded.users.find((candidate) => candidate.email === `${local}@${slug}.example`);
    if (!user) throw new Error(`SeedDemo did not create ${local}@${slug}.example`);
    return user.id;
  };
  const tokenOf = async (local: string): Promise<string> =>
    (await login(cloud, slug, `${local}@${slug}.example`)).accessToken;
  return {
    orgId: seeded.organisation.id,
    slug,
    userIds: {
      admin: idOf('admin'),
      dispatcher: idOf('dispatcher'),
      driver1: idOf('driver1'),
      driver2: idOf('driver2'),
    },
    tokens: {
      admin: await tokenOf('admin'),
      dispatcher: await tokenOf('dispatcher'),
      driver1: await tokenOf('driver1'),
    },
  };
}

/** The tokens of a successful login. */
export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/**
 * Logs a user in through `POST /users/login`, failing the test when it does not succeed.
 * @example
 * const { accessToken } = await login(cloud, 'acme', 'admin@acme.example');
 */
export async function login(
  cloud: IdentityCloud,
  organisation: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<Tokens> {
  const response = await request<Tokens>('POST', `${cloud.api('users')}/login`, {
    body: { organisation, email, password },
  });
  if (response.status !== 200)
    throw new Error(`Login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
