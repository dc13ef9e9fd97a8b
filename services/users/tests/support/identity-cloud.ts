import { invoke } from '@motorcade/lambda';
import type { z } from 'zod';
import { type ServiceCloud, startServiceCloud } from '../../../../test/support/service-cloud.js';

/** The signing key the test stacks get as `JwtSecret` (tests sign their own forged tokens with it). */
export const TEST_JWT_SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** The environment name of the test stacks: stacks are `test-users`, `test-clients`, `test-devices`. */
export const TEST_ENV = 'test';

/** The identity services a test cloud can run. */
export type IdentityService = 'users' | 'clients' | 'devices';

/** The iss / aud the users stack of the test environment signs with. */
export const TOKEN_ISSUER = `${TEST_ENV}-users`;
export const TOKEN_AUDIENCE = `${TEST_ENV}-users-api`;

/** A local cloud with some of the identity services deployed. */
export interface IdentityCloud extends ServiceCloud {
  /** Calls a function of a deployed stack by logical id, as another service would (`invoke`). */
  call<T>(service: IdentityService, logicalId: string, payload: unknown, result: z.ZodType<T>): Promise<T>;
}

/**
 * Starts a local cloud with a gateway, a fresh database and the given identity services (users
 * always, since the others import its authorizer). The test process reaches functions through the
 * edge, as a function of another stack would.
 * @example
 * const cloud = await startIdentityCloud(['users', 'clients']);
 */
export async function startIdentityCloud(
  services: readonly IdentityService[],
  options: {
    /** Run the MQTT broker with the devices stack's authorizer. */
    readonly mqtt?: boolean;
    /** More stacks (test fixtures that consume the authorizers): service name → template path. */
    readonly extra?: Readonly<Record<string, string>>;
  } = {},
): Promise<IdentityCloud> {
  const wanted = new Set<IdentityService>(['users', ...services]);
  const cloud = await startServiceCloud({
    env: TEST_ENV,
    services: {
      ...Object.fromEntries(
        [...wanted].map((name) => [
          name,
          {
            template: `services/${name}/template.yaml`,
            ...(name === 'users' ? { parameters: { JwtSecret: TEST_JWT_SECRET } } : {}),
          },
        ]),
      ),
      ...Object.fromEntries(
        Object.entries(options.extra ?? {}).map(([name, template]) => [name, { template }]),
      ),
    },
    ...(options.mqtt ? { cloud: { mqtt: { port: 0, authorizer: 'devices.MqttAuthorizer' } } } : {}),
  });
  process.env.AWS_ENDPOINT_URL = cloud.cloud.edgeUrl;
  process.env.AWS_ACCESS_KEY_ID = `motorcade-${TEST_ENV}`;
  process.env.AWS_SECRET_ACCESS_KEY = 'motorcade';
  process.env.AWS_REGION = 'eu-west-1';
  return {
    ...cloud,
    async call(service, logicalId, payload, result) {
      const stack = cloud.stacks.find((record) => record.service === service);
      const name = stack?.resources[logicalId]?.physicalId;
      if (!name) throw new Error(`No function ${logicalId} in the ${service} stack`);
      return invoke(name, payload, { result });
    },
  };
}
