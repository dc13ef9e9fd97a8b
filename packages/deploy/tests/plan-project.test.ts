import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProjectConfig } from '@motorcade/cloud';
import { afterEach, describe, expect, it } from 'vitest';
import { planProject } from '../src/index.js';
import { FakeAws } from './helpers/fake-aws.js';

const PROJECT = fileURLToPath(new URL('./fixtures/project/', import.meta.url));

describe('planProject', () => {
  const aws = new FakeAws('111111111111');
  let dir = '';
  afterEach(async () => {
    aws.restore();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists stacks in import order with masked secrets, imports, exports and changes, changing nothing', async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), 'motorcade-plan-'));
    const file = join(dir, 'motorcade.config.json');
    await writeFile(
      file,
      JSON.stringify({
        services: {
          consumer: { template: join(PROJECT, 'consumer/template.yaml') },
          producer: { template: join(PROJECT, 'producer/template.yaml') },
        },
        parameters: { ProducerStackName: '${env}-producer' },
        environments: { staging: { account: '111111111111', region: 'eu-west-1' } },
      }),
    );
    aws.deployed('staging-producer');
    aws.scripts.set('staging-producer', { changes: 2 });
    const lines: string[] = [];

    // Act
    const plans = await planProject({
      config: await loadProjectConfig(file),
      env: 'staging',
      clients: aws.clients(),
      progress: (line) => lines.push(line),
      sleep: async () => {},
      bundle: async (request) => ({ codeDir: request.codeUri, handler: request.handler }),
      variables: { DATABASE_URL: 'postgres://secret' },
    });

    // Assess
    expect(plans.map((plan) => [plan.stackName, plan.status, plan.changes.length])).toEqual([
      ['staging-producer', 'changes', 2],
      ['staging-consumer', 'new', 3],
      ['staging-monitoring', 'new', 2],
    ]);
    expect(lines).toContain('  adds Errors and Throttles alarms on 1 function');
    expect(lines).toContain('    + Add UseErrorsAlarm AWS::CloudWatch::Alarm');
    expect(lines).toContain('  parameter DatabaseUrl = ****');
    expect(lines).toContain('  exports staging-producer-LookupArn');
    expect(lines).toContain('  imports staging-producer-LookupArn');
    expect(lines.join('\n')).not.toContain('postgres://secret');
    expect(aws.calls('CF.CreateChangeSet')).toHaveLength(1);
    expect(aws.calls('CF.DeleteChangeSet')).toEqual(['CF.DeleteChangeSet staging-producer']);
    expect(aws.calls('CF.ExecuteChangeSet')).toEqual([]);
  });
});
