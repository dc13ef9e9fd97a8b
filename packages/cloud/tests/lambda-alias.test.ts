import { fileURLToPath } from 'node:url';
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListAliasesCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackRecord } from '../src/index.js';
import { createTestProject, invokeJson, type TestProject } from './support/test-project.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const NOTICE = 'traffic shifting (DeploymentPreference) is not emulated: the alias points at the latest code';

describe('AutoPublishAlias: the local cloud runs the alias on the latest code', () => {
  let project: TestProject;
  let stack: StackRecord;
  let name: string;

  beforeAll(async () => {
    project = await createTestProject();
    const config = await project.config({ canary: { template: 'canary/template.yaml' } }, FIXTURES);
    [stack] = (await project.cloud.deployProject(config, 'test')) as [StackRecord];
    name = String(stack.outputs.GreetName);
  });

  afterAll(async () => {
    await project.dispose();
  });

  it('invokes through the alias: Qualifier live, name:live and the alias ARN', async () => {
    // Prepare
    const client = project.lambdaClient();

    // Act
    const byQualifier = await client.send(
      new InvokeCommand({ FunctionName: name, Qualifier: 'live', Payload: JSON.stringify({ name: 'q' }) }),
    );
    const byName = await invokeJson(client, `${name}:live`, { name: 'n' });
    const byArn = await invokeJson(client, String(stack.outputs.GreetAliasArn), { name: 'a' });

    // Assess
    expect(JSON.parse(Buffer.from(byQualifier.Payload ?? []).toString())).toEqual({ greeting: 'hello q' });
    expect(byName).toEqual({ greeting: 'hello n' });
    expect(byArn).toEqual({ greeting: 'hello a' });
    expect(String(stack.outputs.GreetAliasArn)).toBe(
      `arn:aws:lambda:eu-west-1:123456789012:function:${name}:live`,
    );
  });

  it('answers GetAlias and ListAliases, and a missing alias or version as Lambda does', async () => {
    // Prepare
    const client = project.lambdaClient();

    // Act
    const alias = await client.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }));
    const list = await client.send(new ListAliasesCommand({ FunctionName: name }));
    const configuration = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: 'live' }),
    );
    const missing = client.send(new GetAliasCommand({ FunctionName: name, Name: 'beta' }));
    const unknownQualifier = client.send(new InvokeCommand({ FunctionName: name, Qualifier: 'beta' }));

    // Assess
    expect(alias).toMatchObject({
      Name: 'live',
      FunctionVersion: '$LATEST',
      AliasArn: stack.outputs.GreetAliasArn,
    });
    expect(list.Aliases?.map((entry) => entry.Name)).toEqual(['live']);
    expect(configuration.FunctionName).toBe(name);
    await expect(missing).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(unknownQualifier).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: expect.stringContaining(`function:${name}:beta`),
    });
  });

  it('says once per stack deploy that traffic shifting is not emulated', () => {
    // Assess
    const notices = project.events.filter((event) => JSON.stringify(event).includes(NOTICE));
    expect(notices).toHaveLength(1);
  });
});
