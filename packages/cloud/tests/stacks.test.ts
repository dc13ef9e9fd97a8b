import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestProject, invokeJson, type TestProject } from './support/test-project.js';

const PROVIDER = { template: 'provider/template.yaml' };
const CONSUMER = { template: 'consumer/template.yaml' };

describe('stacks: deploy order, exports and imports', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await project.dispose();
  });

  it('deploys stacks in import order whatever order the config lists them in', async () => {
    // Prepare: the importer is listed first.
    const config = await project.config({ consumer: CONSUMER, provider: PROVIDER });

    // Act
    const records = await project.cloud.deployProject(config, 'test');

    // Assess
    expect(records.map((stack) => stack.name)).toEqual(['test-provider', 'test-consumer']);
    const provider = records[0];
    expect(provider?.exports['test-provider-EchoArn']).toMatch(
      /^arn:aws:lambda:eu-west-1:123456789012:function:test-provider-Echo-[A-Z0-9]{12}$/,
    );
    expect(records[1]?.imports).toEqual(
      expect.arrayContaining(['test-provider-ProviderArn', 'test-provider-EchoArn']),
    );
  });

  it('passes an imported ARN to a function of the importing stack', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: CONSUMER });
    const [provider, consumer] = await project.cloud.deployProject(config, 'test');

    // Act
    const result = await invokeJson(project.lambdaClient(), String(consumer?.outputs.ReaderName));

    // Assess
    expect(result).toEqual({
      thingId: 'thing-widget',
      colour: 'blue-3',
      echoArn: provider?.exports['test-provider-EchoArn'],
    });
  });

  it('refuses an import that no stack exports, naming the export and the importer', async () => {
    // Prepare
    const config = await project.config({ orphan: { template: 'broken/orphan.yaml' } });

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow('test-orphan imports nowhere-Missing, but no stack exports it');
  });

  it('reports an import cycle with the whole cycle', async () => {
    // Prepare
    const config = await project.config({
      'cycle-a': { template: 'broken/cycle-a.yaml' },
      'cycle-b': { template: 'broken/cycle-b.yaml' },
    });

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(/cycle: test-cycle-(a|b) → test-cycle-(a|b) → test-cycle-(a|b)/);
  });

  it('refuses to delete a stack whose export is imported, in CloudFormation’s words', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: CONSUMER });
    await project.cloud.deployProject(config, 'test');
    const stacks = project.cloud.environment('test').stacks;

    // Act
    const deleting = stacks.delete('test-provider');

    // Assess
    await expect(deleting).rejects.toThrow(
      /^Export test-provider-(ProviderArn|EchoArn) cannot be deleted as it is in use by test-consumer$/,
    );
    expect(stacks.get('test-provider')?.status).toBe('CREATE_COMPLETE');
  });

  it('deletes the exporting stack once its importers are gone', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: CONSUMER });
    await project.cloud.deployProject(config, 'test');
    const env = project.cloud.environment('test');
    const echo = String(env.stacks.get('test-provider')?.exports['test-provider-EchoArn']);

    // Act
    await env.stacks.delete('test-consumer');
    await env.stacks.delete('test-provider');

    // Assess
    expect(env.stacks.list()).toEqual([]);
    expect(env.lambda.getFunction(echo)).toBeUndefined();
  });

  it('keeps a resource whose DeletionPolicy is Retain when its stack is deleted', async () => {
    // Prepare
    const config = await project.config({ retained: { template: 'broken/retained.yaml' } });
    await project.cloud.deployProject(config, 'test');
    const env = project.cloud.environment('test');

    // Act
    await env.stacks.delete('test-retained');

    // Assess
    expect(env.lambda.getFunction('kept')?.name).toBe('kept');
    expect(env.lambda.getFunction('dropped')).toBeUndefined();
    expect(project.events).toContainEqual(
      expect.objectContaining({
        logicalId: 'Kept',
        status: 'DELETE_SKIPPED',
        reason: 'DeletionPolicy Retain',
      }),
    );
  });

  it('names the file, the resource and the type of an unsupported resource', async () => {
    // Prepare
    const config = await project.config({ broken: { template: 'broken/template.yaml' } });

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(
      /broken\/template\.yaml: resource Table, property Type: resource type AWS::DynamoDB::Table is not supported/,
    );
  });

  it('names a misspelt property instead of ignoring it', async () => {
    // Prepare
    const config = await project.config({ typo: { template: 'broken/typo.yaml' } });

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(/typo\.yaml: resource Fn, property MemorySise/);
  });
});

describe('stacks: updates', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await project.dispose();
  });

  it('applies the template diff: adds, changes and removes resources', async () => {
    // Prepare
    const env = project.cloud.environment('test');
    await project.cloud.deployProject(
      await project.config({ provider: PROVIDER, consumer: CONSUMER }),
      'test',
    );
    const before = env.stacks.get('test-consumer');

    // Act: a condition adds Extra; a new Size changes the custom resource and the Reader's variables.
    const withExtra = await project.config({
      provider: PROVIDER,
      consumer: { ...CONSUMER, parameters: { WithExtra: 'yes', Size: '7' } },
    });
    const updated = (await project.cloud.deployProject(withExtra, 'test'))[1];
    const extraName = String(updated?.resources.Extra?.physicalId);
    // ... and removing the condition again removes Extra.
    const removed = (
      await project.cloud.deployProject(
        await project.config({ provider: PROVIDER, consumer: CONSUMER }),
        'test',
      )
    )[1];

    // Assess
    expect(before?.resources.Extra).toBeUndefined();
    expect(updated?.status).toBe('UPDATE_COMPLETE');
    expect(env.lambda.getFunction(extraName)).toBeUndefined();
    expect(removed?.resources.Extra).toBeUndefined();
    expect(await invokeJson(project.lambdaClient(), String(removed?.outputs.ReaderName))).toMatchObject({
      colour: 'blue-3',
    });
    const types = (await project.requests()).map((request) => request.RequestType);
    expect(types).toEqual(['Create', 'Update', 'Update']);
  });

  it('leaves an unchanged stack alone on redeploy', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: CONSUMER });
    await project.cloud.deployProject(config, 'test');

    // Act
    await project.cloud.deployProject(config, 'test');

    // Assess
    expect((await project.requests()).map((request) => request.RequestType)).toEqual(['Create']);
  });

  it('keeps stacks across a restart without asking custom resources again', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: CONSUMER });
    const [, consumer] = await project.cloud.deployProject(config, 'test');

    // Act
    await project.restart();
    const result = await invokeJson(project.lambdaClient(), String(consumer?.outputs.ReaderName));
    await project.cloud.deployProject(config, 'test');

    // Assess
    expect(result).toMatchObject({ thingId: 'thing-widget' });
    expect((await project.requests()).map((request) => request.RequestType)).toEqual(['Create']);
  });
});
