import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProjectConfig, type ProjectConfig } from '@motorcade/cloud';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { destroyService } from '../src/index.js';
import { FakeAws } from './helpers/fake-aws.js';

const PROJECT = fileURLToPath(new URL('./fixtures/project/', import.meta.url));
const STAGING = '111111111111';

describe('destroyService', () => {
  let aws: FakeAws;
  let dir: string;
  let config: ProjectConfig;
  const lines: string[] = [];

  beforeEach(async () => {
    aws = new FakeAws(STAGING);
    dir = await mkdtemp(join(tmpdir(), 'motorcade-destroy-'));
    const file = join(dir, 'motorcade.config.json');
    await writeFile(
      file,
      JSON.stringify({
        services: { producer: { template: join(PROJECT, 'producer/template.yaml') } },
        environments: { staging: { account: STAGING, region: 'eu-west-1' } },
      }),
    );
    config = await loadProjectConfig(file);
    aws.deployed('staging-producer', {
      outputs: [
        { OutputKey: 'LookupArn', OutputValue: 'arn:lookup', ExportName: 'staging-producer-LookupArn' },
      ],
    });
  });

  afterEach(async () => {
    aws.restore();
    await rm(dir, { recursive: true, force: true });
  });

  const destroy = () =>
    destroyService({
      config,
      env: 'staging',
      service: 'producer',
      clients: aws.clients(),
      progress: (line) => lines.push(line),
      sleep: async () => {},
    });

  it('refuses to delete a stack whose export is imported, naming the importers', async () => {
    // Prepare
    aws.scripts.set('staging-producer', {
      importers: { 'staging-producer-LookupArn': ['staging-consumer', 'staging-audit'] },
    });

    // Act
    const destroying = destroy();

    // Assess
    await expect(destroying).rejects.toMatchObject({
      code: 'EXPORT_IN_USE',
      message: expect.stringContaining(
        'staging-producer-LookupArn (imported by staging-consumer, staging-audit)',
      ),
    });
    expect(aws.calls('CF.DeleteStack')).toEqual([]);
  });

  it('deletes the stack when ListImports says nobody imports its exports, and waits until it is gone', async () => {
    // Act
    const outcome = await destroy();

    // Assess
    expect(outcome).toBe('deleted');
    expect(aws.log.filter((entry) => entry.startsWith('CF.') && !entry.includes('Describe'))).toEqual([
      'CF.ListImports staging-producer-LookupArn',
      'CF.DeleteStack staging-producer',
    ]);
    expect(aws.stacks.has('staging-producer')).toBe(false);
  });

  it('reports a failed delete with its reason', async () => {
    // Prepare
    aws.scripts.set('staging-producer', { finalStatus: 'DELETE_FAILED' });

    // Act
    const destroying = destroy();

    // Assess
    await expect(destroying).rejects.toMatchObject({
      code: 'STACK_FAILED',
      message: 'staging-producer ended DELETE_FAILED: staging-producer: bucket not empty',
    });
  });

  it('says so when the stack is not deployed', async () => {
    // Prepare
    aws.stacks.clear();

    // Act
    const outcome = await destroy();

    // Assess
    expect(outcome).toBe('absent');
    expect(aws.calls('CF.DeleteStack')).toEqual([]);
  });
});
