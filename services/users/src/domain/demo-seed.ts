import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Organisation } from './organisation.js';
import { hashPassword } from './password-hasher.js';
import type { OrganisationStore } from './ports.js';
import { newPasswordSchema, organisationSlugSchema } from './requests.js';
import type { Role } from './roles.js';
import { type UserView, userView } from './user.js';

/** The input of the `SeedDemo` function: all optional. */
export const seedDemoInputSchema = z.object({
  organisation: organisationSlugSchema.default('demo'),
  name: z.string().trim().min(1).max(100).default('Demo Fleet'),
  /** The password of every demo user; generated (and returned once) when absent. */
  password: newPasswordSchema.optional(),
  /** How many drivers (`driver1@…` … `driverN@…`): the simulator gives each a vehicle. */
  drivers: z.number().int().min(1).max(100).default(2),
});
/** A demo seeding request. */
export type SeedDemoInput = z.infer<typeof seedDemoInputSchema>;

/** What seeding did. `password` is present only when this call created the users with a generated one. */
export interface SeedDemoResult {
  readonly created: boolean;
  readonly organisation: Organisation;
  readonly users: readonly UserView[];
  readonly password?: string;
}

interface DemoUser {
  readonly local: string;
  readonly name: string;
  readonly role: Role;
}

const DRIVER_NAMES = ['Dee Driver', 'Dev Driver'];

/** The demo's users: an admin, a dispatcher and `drivers` drivers. */
function demoUsers(drivers: number): DemoUser[] {
  return [
    { local: 'admin', name: 'Ada Admin', role: 'admin' },
    { local: 'dispatcher', name: 'Dan Dispatcher', role: 'dispatcher' },
    ...Array.from({ length: drivers }, (_, index) => ({
      local: `driver${index + 1}`,
      name: DRIVER_NAMES[index] ?? `Driver ${index + 1}`,
      role: 'driver' as const,
    })),
  ];
}

/**
 * Creates, once, a demo organisation with an admin, a dispatcher and `drivers` drivers
 * (`admin@<slug>.example`, `driver1@<slug>.example`, …). Calling it again changes nothing and returns what exists, without a
 * password: it is shown only when created.
 * @example
 * const { organisation, users, password } = await seedDemo(organisations, { organisation: 'demo', name: 'Demo Fleet' });
 */
export async function seedDemo(store: OrganisationStore, input: SeedDemoInput): Promise<SeedDemoResult> {
  const demo = demoUsers(input.drivers);
  const emails = demo.map((user) => `${user.local}@${input.organisation}.example`);
  const existing = await store.findBySlug(input.organisation);
  if (existing)
    return { created: false, organisation: existing, users: await usersOf(store, existing, emails) };
  const password = input.password ?? randomBytes(12).toString('base64url');
  // Every demo user has the same password, so one hash serves them all: scrypt is deliberately
  // slow (about 0.3 s and 32 MiB each), and a fleet of drivers would otherwise take seconds.
  const passwordHash = await hashPassword(password);
  const users = demo.map((user, index) => ({
    email: emails[index] as string,
    name: user.name,
    role: user.role,
    passwordHash,
  }));
  const { created, organisation } = await store.createWithUsers(
    { slug: input.organisation, name: input.name },
    users,
  );
  return {
    created,
    organisation,
    users: await usersOf(store, organisation, emails),
    ...(created && input.password === undefined ? { password } : {}),
  };
}

async function usersOf(
  store: OrganisationStore,
  organisation: Organisation,
  emails: readonly string[],
): Promise<UserView[]> {
  return (await store.usersByEmail(organisation.id, emails)).map(userView);
}
