import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';

/** The AWS clients a deploy uses, all bound to one environment's region and credentials. */
export interface AwsClients {
  readonly cloudFormation: CloudFormationClient;
  readonly s3: S3Client;
  readonly sts: STSClient;
}

/** Where an environment lives on AWS, as `motorcade.config.json` states it. */
export interface AwsTarget {
  readonly region: string;
  /** A named profile of `~/.aws/config`; without one the SDK's default chain (env vars, SSO, roles). */
  readonly profile?: string;
}

/** Clients for an environment: its region, and its profile when the config names one. */
export function awsClients(target: AwsTarget): AwsClients {
  const config = {
    region: target.region,
    ...(target.profile === undefined ? {} : { profile: target.profile }),
  };
  return {
    cloudFormation: new CloudFormationClient(config),
    s3: new S3Client(config),
    sts: new STSClient(config),
  };
}
