import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalCloud } from '../src/index.js';
import { createTestProject, type TestProject } from './support/test-project.js';

describe('GET /_motorcade/stacks', () => {
  let project: TestProject;
  let withGateway: LocalCloud | undefined;
  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await withGateway?.stop();
    await project.dispose();
  });

  it('lists each stack’s functions, APIs, queues and buckets in the documented shape', async () => {
    // Prepare: a cloud with a gateway, on the same state directory.
    const config = await project.config({ everything: { template: 'everything/template.yaml' } });
    await project.cloud.stop();
    withGateway = await LocalCloud.start({
      environments: [
        {
          name: 'test',
          accountId: '123456789012',
          region: 'eu-west-1',
          concurrency: 10,
          stateDir: project.stateDir,
        },
      ],
      logSink: () => {},
      gatewayPort: 0,
    });
    await withGateway.deployProject(config, 'test');

    // Act
    const listing = await (await fetch(`${withGateway.edgeUrl}/_motorcade/stacks?env=test`)).json();

    // Assess
    const gateway = withGateway.gateway?.url ?? '';
    expect(listing).toEqual({
      environment: 'test',
      account: '123456789012',
      region: 'eu-west-1',
      stacks: [
        expect.objectContaining({
          name: 'test-everything',
          service: 'everything',
          status: 'CREATE_COMPLETE',
          functions: [
            {
              logicalId: 'Hello',
              name: expect.stringMatching(/^test-everything-Hello-/),
              arn: expect.stringMatching(
                /^arn:aws:lambda:eu-west-1:123456789012:function:test-everything-Hello-/,
              ),
            },
          ],
          apis: [{ logicalId: 'ServerlessRestApi', url: `${gateway}/everything` }],
          queues: [
            {
              logicalId: 'Work',
              url: `${withGateway.edgeUrl}/123456789012/work`,
              arn: 'arn:aws:sqs:eu-west-1:123456789012:work',
            },
          ],
          buckets: [{ logicalId: 'Uploads', name: 'uploads' }],
        }),
      ],
    });
    const hello = await fetch(`${gateway}/everything/hello`);
    expect(hello.status).toBe(200);
  });
});
