import type { CloudEnvironment } from '../environment.js';
import type { EdgeRequest } from './edge-route.js';

/**
 * Picks the environment (account) a request belongs to: the account id of a full ARN first,
 * then the SigV4 access key id (`motorcade-<env>`, which functions sign with), then an explicit
 * `env` query parameter (the CLI), else the default environment.
 */
export class EnvironmentResolver {
  readonly #environments: readonly CloudEnvironment[];

  constructor(environments: readonly CloudEnvironment[]) {
    this.#environments = environments;
  }

  resolve(request: EdgeRequest, accountIdFromArn?: string): CloudEnvironment {
    if (accountIdFromArn) {
      const byAccount = this.#environments.find((env) => env.settings.accountId === accountIdFromArn);
      if (byAccount) return byAccount;
    }
    const authorization = request.headers.authorization;
    if (authorization) {
      const keyId = /Credential=([^/,\s]+)/.exec(authorization)?.[1];
      const byKey = this.#environments.find((env) => env.accessKeyId === keyId);
      if (byKey) return byKey;
    }
    const named = request.query.get('env');
    if (named) {
      const byName = this.#environments.find((env) => env.settings.name === named);
      if (byName) return byName;
    }
    return this.#environments[0] as CloudEnvironment;
  }

  byName(name: string | null): CloudEnvironment | undefined {
    return name ? this.#environments.find((env) => env.settings.name === name) : this.#environments[0];
  }
}
