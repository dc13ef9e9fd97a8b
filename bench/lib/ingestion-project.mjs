/**
 * The project the ingestion benchmark deploys: the real fleet stacks it needs (event-bus, users,
 * clients, devices, tracking) from `services/`, in a motorcade.config.json of its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment the bench deploys into; its access key id is `motorcade-bench`. */
export const ENV = 'bench';
export const ACCOUNT_ID = '000000000000';

/**
 * Writes the motorcade.config.json of the five stacks into `dir`, with bench-only secrets and each
 * stack's name passed to those that import from it. Returns the file's path.
 */
export function writeConfig(dir) {
  const template = (service) =>
    fileURLToPath(new URL(`../../services/${service}/template.yaml`, import.meta.url));
  const file = join(dir, 'motorcade.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      services: {
        'event-bus': {
          template: template('event-bus'),
          parameters: { OpsTokenSecret: 'bench-ops-token-not-a-secret' },
        },
        users: {
          template: template('users'),
          parameters: { JwtSecret: 'bench-jwt-secret-not-a-secret-0123456789' },
        },
        clients: { template: template('clients') },
        devices: { template: template('devices') },
        tracking: { template: template('tracking') },
      },
      parameters: {
        EventBusStackName: `${ENV}-event-bus`,
        UsersStackName: `${ENV}-users`,
        ClientsStackName: `${ENV}-clients`,
        DevicesStackName: `${ENV}-devices`,
      },
      environments: { [ENV]: { account: ACCOUNT_ID, region: 'eu-west-1', concurrency: 1000 } },
    }),
  );
  return file;
}
