import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { loadProjectConfig, type ProjectConfig } from '@motorcade/cloud';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeployOptions, deployProject, type FunctionBundler } from '../src/index.js';
import { FakeAws } from './helpers/fake-aws.js';

const PROJECT = fileURLToPath(new URL('./fixtures/project/', import.meta.url));
const STAGING = '111111111111';
const BUCKET = `motorcade-deploy-${STAGING}-eu-west-1`;

/** Bundling is the local cloud's, tested there; here the code directory is shipped as it is. */
const asIs: FunctionBundler = async (request) => ({ codeDir: request.codeUri, handler: request.handler });

async function project(
  environments: Record<string, unknown>,
): Promise<{ config: ProjectConfig; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'motorcade-deploy-'));
  const file = join(dir, 'motorcade.config.json');
  await writeFile(
    file,
    JSON.stringify({
      services: {
        consumer: { template: join(PROJECT, 'consumer/template.yaml') },
        producer: { template: join(PROJECT, 'producer/template.yaml') },
      },
      parameters: { ProducerStackName: '${env}-producer' },
      environments,
    }),
  );
  return { config: await loadProjectConfig(file), dir };
}

describe('deployProject', () => {
  let aws: FakeAws;
  let dir: string;
  let options: DeployOptions;
  let lines: string[];

  beforeEach(async () => {
    aws = new FakeAws(STAGING);
    lines = [];
    const made = await project({
      local: { account: '000000000000', region: 'eu-west-1' },
      staging: { account: STAGING, region: 'eu-west-1' },
    });
    dir = made.dir;
    options = {
      config: made.config,
      env: 'staging',
      clients: aws.clients(),
      progress: (line) => lines.push(line),
      sleep: async () => {},
      bundle: asIs,
      variables: { DATABASE_URL: 'postgres://staging' },
    };
  });

  afterEach(async () => {
    aws.restore();
    await rm(dir, { recursive: true, force: true });
  });

  it('proves the account, then deploys each stack in import order, the monitoring stack last: upload, change set, execute, events', async () => {
    // Act
    const report = await deployProject(options);

    // Assess
    expect(report.stacks).toEqual([
      { stackName: 'staging-producer', outcome: 'created' },
      { stackName: 'staging-consumer', outcome: 'created' },
      { stackName: 'staging-monitoring', outcome: 'created' },
    ]);
    expect(aws.log[0]).toBe('STS.GetCallerIdentity');
    const order = aws.log.filter((entry) => /CreateChangeSet|ExecuteChangeSet|CreateBucket/.test(entry));
    expect(order).toEqual([
      `S3.CreateBucket ${BUCKET}`,
      'CF.CreateChangeSet staging-producer CREATE CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
      'CF.ExecuteChangeSet staging-producer',
      'CF.CreateChangeSet staging-consumer CREATE CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
      'CF.ExecuteChangeSet staging-consumer',
      'CF.CreateChangeSet staging-monitoring CREATE CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
      'CF.ExecuteChangeSet staging-monitoring',
    ]);
    expect(lines).toContain(
      '[1/3] staging-producer:   staging-producer  AWS::CloudFormation::Stack  CREATE_COMPLETE',
    );
    expect(lines).toContain('[1/3] staging-producer: adds Errors and Throttles alarms on 1 function');
    expect(lines.at(-1)).toBe('staging: 3 stacks deployed');
  });

  it('passes parameters with the ${env} substitution and NoEcho values from environment variables', async () => {
    // Act
    await deployProject(options);

    // Assess
    const inputs = aws.cf.commandCalls(CreateChangeSetCommand).map((call) => call.args[0].input);
    expect(inputs[0]?.Parameters).toEqual([
      { ParameterKey: 'DatabaseUrl', ParameterValue: 'postgres://staging' },
    ]);
    expect(inputs[1]?.Parameters).toEqual([
      { ParameterKey: 'ProducerStackName', ParameterValue: 'staging-producer' },
    ]);
    expect(inputs[0]?.TemplateURL).toMatch(
      new RegExp(
        `^https://${BUCKET}\\.s3\\.eu-west-1\\.amazonaws\\.com/templates/staging-producer/[0-9a-f]{64}\\.json$`,
      ),
    );
    expect(lines.join('\n')).not.toContain('postgres://staging');
  });

  it('uploads code under its content hash once, and not again when unchanged', async () => {
    // Prepare
    await deployProject(options);
    const firstUploads = aws.calls('S3.PutObject functions/');
    aws.log.length = 0;

    // Act
    await deployProject(options);

    // Assess
    expect(firstUploads).toHaveLength(2);
    expect(firstUploads[0]).toMatch(/^S3\.PutObject functions\/[0-9a-f]{64}\.zip$/);
    expect(aws.calls('S3.PutObject functions/')).toEqual([]);
    expect(aws.calls('S3.CreateBucket')).toEqual([]);
  });

  it('refuses credentials of another account before touching S3 or CloudFormation', async () => {
    // Prepare
    aws.restore();
    aws = new FakeAws('999999999999');

    // Act
    const deploying = deployProject({ ...options, clients: aws.clients() });

    // Assess
    await expect(deploying).rejects.toMatchObject({
      code: 'ACCOUNT_MISMATCH',
      message: expect.stringContaining("environment 'staging' is account 111111111111"),
    });
    expect(aws.log).toEqual(['STS.GetCallerIdentity']);
  });

  it('refuses two environments in one account unless every one of them says sharedAccount', async () => {
    // Prepare
    const shared = await project({
      staging: { account: STAGING, region: 'eu-west-1' },
      production: { account: STAGING, region: 'eu-west-1', sharedAccount: true },
    });
    const consented = await project({
      staging: { account: STAGING, region: 'eu-west-1', sharedAccount: true },
      production: { account: STAGING, region: 'eu-west-1', sharedAccount: true },
    });

    // Act
    const refused = deployProject({ ...options, config: shared.config });
    const allowed = deployProject({ ...options, config: consented.config });

    // Assess
    await expect(refused).rejects.toMatchObject({
      code: 'ACCOUNT_SHARED',
      message: expect.stringContaining(`environment 'staging' shares account ${STAGING} with production`),
    });
    await expect(allowed).resolves.toMatchObject({ env: 'staging' });
    await rm(shared.dir, { recursive: true, force: true });
    await rm(consented.dir, { recursive: true, force: true });
  });

  it('stops at the first failed stack, reports the failing resource, and leaves the later stacks alone', async () => {
    // Prepare
    aws.scripts.set('staging-producer', {
      finalStatus: 'ROLLBACK_COMPLETE',
      failure: {
        logicalId: 'Lookup',
        reason: 'Resource handler returned message: "Uploaded file must be a non-empty zip"',
      },
    });

    // Act
    const deploying = deployProject(options);

    // Assess
    await expect(deploying).rejects.toMatchObject({
      code: 'STACK_FAILED',
      message:
        'staging-producer ended ROLLBACK_COMPLETE: Lookup: Resource handler returned message: "Uploaded file must be a non-empty zip"',
    });
    expect(aws.calls('CF.CreateChangeSet staging-consumer')).toEqual([]);
  });

  it('treats a change set without changes as nothing to do: deleted, never executed', async () => {
    // Prepare
    aws.deployed('staging-producer', {
      parameters: [{ ParameterKey: 'DatabaseUrl', ParameterValue: '****' }],
    });
    aws.scripts.set('staging-producer', {
      changeSetFailure:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
    });

    // Act
    const report = await deployProject(options);

    // Assess
    expect(report.stacks[0]).toEqual({ stackName: 'staging-producer', outcome: 'unchanged' });
    expect(aws.calls('CF.DeleteChangeSet')).toEqual(['CF.DeleteChangeSet staging-producer']);
    expect(aws.calls('CF.ExecuteChangeSet staging-producer')).toEqual([]);
    expect(aws.calls('CF.CreateChangeSet staging-producer')[0]).toContain(' UPDATE ');
    expect(lines).toContain('[1/3] staging-producer: no changes');
  });

  it('fails with CloudFormation’s reason when a change set fails for anything but "no changes"', async () => {
    // Prepare
    aws.scripts.set('staging-producer', { changeSetFailure: 'No export named staging-other-Arn found' });

    // Act
    const deploying = deployProject(options);

    // Assess
    await expect(deploying).rejects.toMatchObject({
      code: 'CHANGE_SET_FAILED',
      message: 'staging-producer: change set failed: No export named staging-other-Arn found',
    });
    expect(aws.calls('CF.ExecuteChangeSet')).toEqual([]);
  });

  it('keeps a secret’s previous value on update, and refuses a create without one', async () => {
    // Prepare
    const withoutSecret = { ...options, variables: {} };
    aws.deployed('staging-producer', {
      parameters: [{ ParameterKey: 'DatabaseUrl', ParameterValue: '****' }],
    });

    // Act
    await deployProject({ ...withoutSecret, services: ['producer'] });
    aws.stacks.clear();
    const creating = deployProject({ ...withoutSecret, services: ['producer'] });

    // Assess
    expect(aws.cf.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.Parameters).toEqual([
      { ParameterKey: 'DatabaseUrl', UsePreviousValue: true },
    ]);
    await expect(creating).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(
        'parameter DatabaseUrl of staging-producer has no value: set the environment variable DATABASE_URL',
      ),
    });
  });

  it('deletes a first create that rolled back before creating the stack again', async () => {
    // Prepare
    aws.deployed('staging-producer', { status: 'ROLLBACK_COMPLETE' });

    // Act
    await deployProject({ ...options, services: ['producer'] });

    // Assess
    const steps = aws.log.filter((entry) => /DeleteStack|CreateChangeSet/.test(entry));
    expect(steps).toEqual([
      'CF.DeleteStack staging-producer',
      'CF.CreateChangeSet staging-producer CREATE CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
    ]);
  });

  it('refuses a stack that is busy with another operation', async () => {
    // Prepare
    aws.deployed('staging-producer', { status: 'UPDATE_IN_PROGRESS' });

    // Act
    const deploying = deployProject({ ...options, services: ['producer'] });

    // Assess
    await expect(deploying).rejects.toMatchObject({ code: 'STACK_BUSY' });
    expect(aws.calls('CF.CreateChangeSet')).toEqual([]);
  });

  it('refuses to deploy an invalid template before any AWS call', async () => {
    // Prepare
    const broken = await project({ staging: { account: STAGING, region: 'eu-west-1' } });
    const config: ProjectConfig = {
      ...broken.config,
      services: [
        {
          name: 'broken',
          templateFile: fileURLToPath(new URL('./fixtures/validate/no-timeout.yaml', import.meta.url)),
          parameters: {},
        },
      ],
    };

    // Act
    const deploying = deployProject({ ...options, config });

    // Assess
    await expect(deploying).rejects.toMatchObject({ code: 'TEMPLATE_INVALID' });
    expect(aws.log).toEqual([]);
    await rm(broken.dir, { recursive: true, force: true });
  });
});
