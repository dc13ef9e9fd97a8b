import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestProject, type TestProject } from './support/test-project.js';

const PROVIDER = { template: 'provider/template.yaml' };
const consumer = (parameters: Record<string, string> = {}) => ({
  template: 'consumer/template.yaml',
  parameters,
});

describe('custom resources', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await project.dispose();
  });

  it('sends the real CloudFormation request, with every scalar property as a string', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: consumer() });

    // Act
    const [provider, stack] = await project.cloud.deployProject(config, 'test');

    // Assess
    const [request] = await project.requests();
    expect(request).toMatchObject({
      RequestType: 'Create',
      ServiceToken: provider?.exports['test-provider-ProviderArn'],
      ResponseURL: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+\/_motorcade\/cloudformation\/responses\/[0-9a-f-]{36}$/,
      ),
      StackId: stack?.stackId,
      RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      LogicalResourceId: 'Thing',
      ResourceType: 'Custom::Thing',
      ResourceProperties: {
        ServiceToken: provider?.exports['test-provider-ProviderArn'],
        ServiceTimeout: '3',
        Name: 'widget',
        Mode: 'ok',
        Size: '3',
        Enabled: 'true',
      },
    });
    expect(request).not.toHaveProperty('PhysicalResourceId');
    expect(stack?.stackId).toMatch(
      /^arn:aws:cloudformation:eu-west-1:123456789012:stack\/test-consumer\/[0-9a-f-]{36}$/,
    );
  });

  it('sends Update with the old properties and Delete when the stack goes', async () => {
    // Prepare
    await project.cloud.deployProject(
      await project.config({ provider: PROVIDER, consumer: consumer() }),
      'test',
    );

    // Act
    await project.cloud.deployProject(
      await project.config({ provider: PROVIDER, consumer: consumer({ Size: '5' }) }),
      'test',
    );
    await project.cloud.environment('test').stacks.delete('test-consumer');

    // Assess
    const [, update, deletion] = await project.requests();
    expect(update).toMatchObject({
      RequestType: 'Update',
      PhysicalResourceId: 'thing-widget',
      ResourceProperties: { Size: '5' },
      OldResourceProperties: { Size: '3' },
    });
    expect(deletion).toMatchObject({ RequestType: 'Delete', PhysicalResourceId: 'thing-widget' });
  });

  it('fails the deploy with the reason of a FAILED reply and rolls the stack back', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: consumer({ Mode: 'fail' }) });
    const env = project.cloud.environment('test');

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(
      /test-consumer: create failed and was rolled back: Thing \(Custom::Thing, Create\): Received response status \[FAILED\] from custom resource\. Message returned: Mode fail requested/,
    );
    expect(env.stacks.get('test-consumer')).toBeUndefined();
    expect(
      env.lambda
        .listFunctions()
        .map((fn) => fn.logicalId)
        .sort(),
    ).toEqual(['Echo', 'Provider']);
  });

  it('rolls back what a failed create had already made', async () => {
    // Prepare: an update that adds a function, then fails on the custom resource.
    const env = project.cloud.environment('test');
    await project.cloud.deployProject(
      await project.config({ provider: PROVIDER, consumer: consumer() }),
      'test',
    );
    const failing = await project.config({
      provider: PROVIDER,
      consumer: consumer({ Mode: 'fail', WithExtra: 'yes' }),
    });

    // Act
    const deploying = project.cloud.deployProject(failing, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(/update failed and was rolled back/);
    const stack = env.stacks.get('test-consumer');
    expect(stack?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(stack?.resources.Extra).toBeUndefined();
    expect(env.lambda.listFunctions().some((fn) => fn.logicalId === 'Extra')).toBe(false);
  });

  it('fails when no reply comes within ServiceTimeout', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: consumer({ Mode: 'silent' }) });

    // Act
    const started = Date.now();
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(
      /did not receive a response from your Custom Resource within 3 s/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it('fails at once with the function error when the provider crashes without answering', async () => {
    // Prepare
    const config = await project.config({ provider: PROVIDER, consumer: consumer({ Mode: 'throw' }) });

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(/failed without answering: Error: the provider crashed/);
  });
});
