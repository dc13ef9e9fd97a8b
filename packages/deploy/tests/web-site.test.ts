import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { loadProjectConfig, type ProjectConfig } from '@motorcade/cloud';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DeployError,
  type DeployOptions,
  deployProject,
  destroyService,
  type FunctionBundler,
  planProject,
} from '../src/index.js';
import { FakeAws } from './helpers/fake-aws.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/web/', import.meta.url));
const STAGING = '111111111111';
const SITE_BUCKET = 'staging-web-sitebucket-1a2b3c';
const SITE_OUTPUTS = [
  { OutputKey: 'BucketName', OutputValue: SITE_BUCKET, ExportName: 'staging-web-BucketName' },
  { OutputKey: 'Url', OutputValue: 'https://d111111abcdef8.cloudfront.net', ExportName: 'staging-web-Url' },
];
const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set.";
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** No function is bundled here: the fixtures have none. */
const asIs: FunctionBundler = async (request) => ({ codeDir: request.codeUri, handler: request.handler });

/** A `vite build` output: hashed assets, a source map, two plain files, index.html and a stray hidden file. */
const BUILD: Readonly<Record<string, string>> = {
  'index.html': '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>',
  'assets/index-AbC123.js': 'console.log("app")',
  'assets/index-AbC123.js.map': '{"version":3}',
  'assets/index-XyZ789.css': 'body{margin:0}',
  'favicon.svg': '<svg/>',
  'robots.txt': 'User-agent: *',
  '.DS_Store': 'finder',
};

async function writeBuild(dist: string): Promise<void> {
  for (const [path, content] of Object.entries(BUILD)) {
    await mkdir(dirname(join(dist, path)), { recursive: true });
    await writeFile(join(dist, path), content);
  }
}

describe('the web stack and the dashboard upload', () => {
  let aws: FakeAws;
  let dir: string;
  let dist: string;
  let config: ProjectConfig;
  let lines: string[];

  const options = (extra: Partial<DeployOptions> = {}): DeployOptions => ({
    config,
    env: 'staging',
    clients: aws.clients(),
    progress: (line) => lines.push(line),
    sleep: async () => {},
    bundle: asIs,
    variables: {},
    ...extra,
  });

  const writeConfig = async (services: Record<string, unknown>): Promise<ProjectConfig> => {
    const file = join(dir, 'motorcade.config.json');
    await writeFile(
      file,
      JSON.stringify({
        services,
        parameters: { ApiStackName: '${env}-api' },
        environments: { staging: { account: STAGING, region: 'eu-west-1' } },
        web: { template: join(FIXTURES, 'site/template.yaml'), dist: 'dist' },
      }),
    );
    return loadProjectConfig(file);
  };

  beforeEach(async () => {
    aws = new FakeAws(STAGING);
    lines = [];
    dir = await mkdtemp(join(tmpdir(), 'motorcade-web-'));
    dist = join(dir, 'dist');
    config = await writeConfig({ api: { template: join(FIXTURES, 'api/template.yaml') } });
    aws.scripts.set('staging-web', { outputs: SITE_OUTPUTS });
  });

  afterEach(async () => {
    aws.restore();
    await rm(dir, { recursive: true, force: true });
  });

  it('deploys the web stack after the services it imports from, passing their stack names', async () => {
    // Prepare
    await writeBuild(dist);

    // Act
    const report = await deployProject(options());

    // Assess
    expect(report.stacks.map((stack) => stack.stackName)).toEqual([
      'staging-api',
      'staging-web',
      'staging-monitoring',
    ]);
    const inputs = aws.cf.commandCalls(CreateChangeSetCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => [input.StackName, input.Parameters])).toEqual([
      ['staging-api', []],
      ['staging-web', [{ ParameterKey: 'ApiStackName', ParameterValue: 'staging-api' }]],
      ['staging-monitoring', []],
    ]);
    expect(inputs[1]?.Tags).toContainEqual({ Key: 'motorcade:service', Value: 'web' });
  });

  it('uploads the build right after the web stack: assets first, index.html last, each with its type and caching, no source maps', async () => {
    // Prepare
    await writeBuild(dist);

    // Act
    const report = await deployProject(options());

    // Assess
    expect(aws.puts.filter((put) => put.bucket === SITE_BUCKET)).toEqual([
      {
        bucket: SITE_BUCKET,
        key: 'assets/index-AbC123.js',
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: IMMUTABLE,
      },
      {
        bucket: SITE_BUCKET,
        key: 'assets/index-XyZ789.css',
        contentType: 'text/css; charset=utf-8',
        cacheControl: IMMUTABLE,
      },
      { bucket: SITE_BUCKET, key: 'favicon.svg', contentType: 'image/svg+xml', cacheControl: 'no-cache' },
      {
        bucket: SITE_BUCKET,
        key: 'robots.txt',
        contentType: 'text/plain; charset=utf-8',
        cacheControl: 'no-cache',
      },
      {
        bucket: SITE_BUCKET,
        key: 'index.html',
        contentType: 'text/html; charset=utf-8',
        cacheControl: 'no-cache',
      },
    ]);
    const body = aws.s3.commandCalls(PutObjectCommand).find((call) => call.args[0].input.Key === 'index.html')
      ?.args[0].input.Body;
    expect(Buffer.from(body as Uint8Array).toString()).toBe(BUILD['index.html']);
    const steps = aws.log.filter((entry) =>
      /ExecuteChangeSet staging-web|CreateChangeSet staging-monitoring|PutObject (assets\/index-AbC123\.js|index\.html)$/.test(
        entry,
      ),
    );
    expect(steps).toEqual([
      'CF.ExecuteChangeSet staging-web',
      'S3.PutObject assets/index-AbC123.js',
      'S3.PutObject index.html',
      'CF.CreateChangeSet staging-monitoring CREATE CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
    ]);
    expect(lines).toContain(`[2/3] staging-web: uploading 5 files to s3://${SITE_BUCKET}`);
    expect(lines).toContain('[2/3] staging-web: uploaded 1 of 5 files: assets/index-AbC123.js');
    expect(lines).toContain('[2/3] staging-web: uploaded 5 of 5 files: index.html');
    expect(lines.at(-1)).toBe('staging: dashboard https://d111111abcdef8.cloudfront.net');
    expect(report.web).toEqual({
      bucket: SITE_BUCKET,
      url: 'https://d111111abcdef8.cloudfront.net',
      files: 5,
    });
  });

  it('uploads the source maps too when the config says web.sourceMaps', async () => {
    // Prepare
    await writeBuild(dist);
    const base = options();
    const config = {
      ...base.config,
      web: { ...(base.config.web as NonNullable<ProjectConfig['web']>), sourceMaps: true },
    };

    // Act
    const report = await deployProject({ ...base, config });

    // Assess
    expect(aws.puts.filter((put) => put.bucket === SITE_BUCKET).map((put) => put.key)).toContain(
      'assets/index-AbC123.js.map',
    );
    expect(report.web?.files).toBe(6);
  });

  it('refuses a deploy without a build before anything reaches AWS, naming the command that makes one', async () => {
    // Act
    const deploying = deployProject(options());

    // Assess
    await expect(deploying).rejects.toBeInstanceOf(DeployError);
    await expect(deploying).rejects.toMatchObject({
      code: 'WEB_NOT_BUILT',
      message:
        'dist/index.html does not exist: build the dashboard first (npm run build -w web), then deploy',
    });
    expect(aws.log).toEqual([]);
  });

  it('uploads the build again when the web stack itself has not changed', async () => {
    // Prepare
    await writeBuild(dist);
    aws.deployed('staging-web', { outputs: SITE_OUTPUTS });
    aws.scripts.set('staging-web', { changeSetFailure: NO_CHANGES });

    // Act
    const report = await deployProject(options({ services: ['web'] }));

    // Assess
    expect(report.stacks).toEqual([{ stackName: 'staging-web', outcome: 'unchanged' }]);
    expect(aws.puts.filter((put) => put.bucket === SITE_BUCKET).map((put) => put.key)).toEqual([
      'assets/index-AbC123.js',
      'assets/index-XyZ789.css',
      'favicon.svg',
      'robots.txt',
      'index.html',
    ]);
  });

  it('leaves the site alone, built or not, when --service names only other stacks', async () => {
    // Act: no build in dist, and none needed
    const report = await deployProject(options({ services: ['api'] }));

    // Assess
    expect(report.stacks).toEqual([{ stackName: 'staging-api', outcome: 'created' }]);
    expect(report.web).toBeUndefined();
    expect(aws.puts.filter((put) => put.bucket === SITE_BUCKET)).toEqual([]);
  });

  it('stops at the first file S3 refuses, before index.html, and says the site still serves the previous build', async () => {
    // Prepare
    await writeBuild(dist);
    aws.s3
      .on(PutObjectCommand, { Bucket: SITE_BUCKET, Key: 'assets/index-XyZ789.css' })
      .rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    // Act
    const deploying = deployProject(options({ services: ['web'] }));

    // Assess
    await expect(deploying).rejects.toMatchObject({
      code: 'ARTIFACT_FAILED',
      message: `uploading assets/index-XyZ789.css to s3://${SITE_BUCKET} failed: Access Denied (1 of 5 files uploaded; index.html is uploaded last, so the site still serves the previous build)`,
    });
    const keys = aws.s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key);
    expect(keys).not.toContain('index.html');
  });

  it('refuses a web template without a BucketName output, naming it', async () => {
    // Prepare
    await writeBuild(dist);
    aws.scripts.set('staging-web', { outputs: [] });

    // Act
    const deploying = deployProject(options({ services: ['web'] }));

    // Assess
    await expect(deploying).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(
        /site\/template\.yaml: staging-web has no output BucketName: the web template must output/,
      ),
    });
  });

  it('plans the web stack like any other, saying what deploy does after it', async () => {
    // Act: planning needs no build
    const plans = await planProject(options());

    // Assess
    expect(plans.map((plan) => [plan.stackName, plan.status])).toEqual([
      ['staging-api', 'new'],
      ['staging-web', 'new'],
      ['staging-monitoring', 'new'],
    ]);
    expect(lines).toContain('  parameter ApiStackName = staging-api');
    expect(lines).toContain('  imports staging-api-ApiId');
    expect(lines).toContain("  then uploads dist to the stack's bucket (assets first, index.html last)");
    expect(aws.puts.filter((put) => put.bucket === SITE_BUCKET)).toEqual([]);
  });

  it('refuses a service named web while the config deploys the web stack', async () => {
    // Prepare
    config = await writeConfig({ web: { template: join(FIXTURES, 'api/template.yaml') } });

    // Act
    const planning = planProject(options());

    // Assess
    await expect(planning).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(
        "a service may not be named 'web' while the config's web section deploys the staging-web stack",
      ),
    });
  });

  it('aws-destroy web empties the bucket first, which CloudFormation cannot delete while it holds objects', async () => {
    // Prepare
    aws.deployed('staging-web', { outputs: SITE_OUTPUTS });
    aws.buckets.set(SITE_BUCKET, new Set(['index.html', 'assets/index-AbC123.js', 'assets/index-Old000.js']));

    // Act
    const outcome = await destroyService({ ...options(), service: 'web' });

    // Assess
    expect(outcome).toBe('deleted');
    expect(aws.log.filter((entry) => /^S3\.|DeleteStack/.test(entry))).toEqual([
      `S3.ListObjectsV2 ${SITE_BUCKET}`,
      `S3.DeleteObjects ${SITE_BUCKET} 3`,
      'CF.DeleteStack staging-web',
    ]);
    expect(aws.buckets.get(SITE_BUCKET)?.size).toBe(0);
    expect(lines).toContain(`staging-web: deleted 3 objects from s3://${SITE_BUCKET}`);
  });

  it('aws-destroy web deletes the stack when its bucket is already gone', async () => {
    // Prepare
    aws.deployed('staging-web', { outputs: SITE_OUTPUTS });

    // Act
    const outcome = await destroyService({ ...options(), service: 'web' });

    // Assess
    expect(outcome).toBe('deleted');
    expect(lines).toContain(`staging-web: deleted 0 objects from s3://${SITE_BUCKET}`);
    expect(aws.calls('CF.DeleteStack')).toEqual(['CF.DeleteStack staging-web']);
  });
});
