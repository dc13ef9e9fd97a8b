import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { parseTemplate } from '@motorcade/template';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudFunctionBundler, DeployBucket, packageTemplate, zipDirectory } from '../src/index.js';
import { FakeAws } from './helpers/fake-aws.js';

const CODE = fileURLToPath(new URL('./fixtures/bundle/', import.meta.url));

describe('packageTemplate', () => {
  const aws = new FakeAws('111111111111');
  const dirs: string[] = [];
  afterAll(async () => {
    aws.restore();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('bundles with esbuild as sam build does, uploads the zip by content hash and points CodeUri at it', async () => {
    // Prepare
    const buildDir = await mkdtemp(join(tmpdir(), 'motorcade-package-'));
    dirs.push(buildDir);
    const doc = parseTemplate(
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Globals: {Function: {Runtime: nodejs22.x, CodeUri: ., Timeout: 5}}',
        'Resources:',
        '  Hello:',
        '    Type: AWS::Serverless::Function',
        '    Properties: {Handler: src/handlers/hello.handler}',
        '    Metadata: {BuildMethod: esbuild}',
      ].join('\n'),
      'template.yaml',
    );
    const bucket = new DeployBucket(new S3Client({ region: 'eu-west-1' }), 'artifacts', 'eu-west-1');

    // Act
    const packaged = await packageTemplate({
      doc,
      file: 'template.yaml',
      templateDir: CODE,
      stackName: 'staging-hello',
      bucket,
      bundle: cloudFunctionBundler,
      buildDir,
    });

    // Assess
    const properties = packaged.template.Resources.Hello?.Properties;
    const zip = await zipDirectory(join(buildDir, 'Hello'));
    expect(properties?.CodeUri).toEqual({ Bucket: 'artifacts', Key: `functions/${zip.sha256}.zip` });
    expect(properties?.Handler).toBe('hello.handler');
    expect(packaged.template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(aws.calls('S3.PutObject')).toEqual([`S3.PutObject functions/${zip.sha256}.zip`]);
    expect(doc.Resources.Hello?.Properties?.CodeUri).toBeUndefined();
  });

  it('zips the same files to the same bytes every time', async () => {
    // Act
    const first = await zipDirectory(CODE);
    const second = await zipDirectory(CODE);

    // Assess
    expect(first.sha256).toBe(second.sha256);
    expect(first.bytes.equals(second.bytes)).toBe(true);
  });
});
