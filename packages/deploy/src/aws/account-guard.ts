import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { DeployError } from '../errors.js';

/** An environment as the guard sees it. */
export interface GuardedEnvironment {
  readonly account: string;
  /** The config's explicit consent to share the account with other environments. */
  readonly sharedAccount?: boolean;
}

/**
 * Refuses an environment that shares its AWS account with another unless both say
 * `"sharedAccount": true`. Lambda's concurrency pool and many quotas are per account and region,
 * so a runaway function in staging could throttle production: the seed's reason for one account
 * per environment.
 *
 * @throws DeployError `ACCOUNT_SHARED` naming the other environments
 */
export function assertAccountNotShared(
  environments: Readonly<Record<string, GuardedEnvironment>>,
  env: string,
  configFile: string,
): void {
  const target = environments[env];
  if (target === undefined) return;
  const others = Object.entries(environments)
    .filter(([name, other]) => name !== env && other.account === target.account)
    .filter(([, other]) => !(target.sharedAccount === true && other.sharedAccount === true))
    .map(([name]) => name);
  if (others.length === 0) return;
  throw new DeployError(
    'ACCOUNT_SHARED',
    `${configFile}: environment '${env}' shares account ${target.account} with ${others.join(', ')}: one runaway function could exhaust the concurrency of all of them. Give each its own account, or set "sharedAccount": true on every environment of that account`,
  );
}

/**
 * Refuses credentials of another account than the environment's (STS GetCallerIdentity), so a
 * stale profile never deploys staging into production.
 *
 * @returns the caller's ARN, for the progress line
 * @throws DeployError `ACCOUNT_MISMATCH`
 */
export async function assertAccount(sts: STSClient, env: string, account: string): Promise<string> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (identity.Account !== account) {
    throw new DeployError(
      'ACCOUNT_MISMATCH',
      `environment '${env}' is account ${account}, but the credentials are ${identity.Arn ?? 'unknown'} in account ${identity.Account ?? 'unknown'}: use the environment's profile or credentials`,
    );
  }
  return identity.Arn ?? identity.Account;
}
