import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { S3Service } from '../src/s3/index.js';
import { createS3Project, s3Client, s3Template } from './fixtures/s3/s3-test-cloud.js';
import type { TestProject } from './support/test-project.js';

describe('AWS::S3::Bucket in stacks', () => {
  let project: TestProject;
  let s3: S3Client;
  beforeEach(async () => {
    project = await createS3Project();
    s3 = s3Client(project);
  });
  afterEach(async () => {
    s3.destroy();
    await project.dispose();
  });

  async function deploy(template: string): Promise<Record<string, string>> {
    const config = await project.config({ buckets: { template: s3Template(template) } });
    const [stack] = await project.cloud.deployProject(config, 'test');
    return { ...stack?.outputs };
  }

  it('names a bucket as CloudFormation does and gives its attributes AWS’s values', async () => {
    // Act
    const outputs = await deploy('buckets.yaml');

    // Assess
    const name = String(outputs.UploadsName);
    expect(name).toMatch(/^test-buckets-uploads-[a-z0-9]{12}$/);
    expect(outputs).toMatchObject({
      UploadsArn: `arn:aws:s3:::${name}`,
      UploadsDomainName: `${name}.s3.amazonaws.com`,
      UploadsRegionalDomainName: `${name}.s3.eu-west-1.amazonaws.com`,
      UploadsWebsiteURL: `http://${name}.s3-website-eu-west-1.amazonaws.com`,
      NamedName: 'test-buckets-named',
    });
    expect((await s3.send(new HeadBucketCommand({ Bucket: name }))).$metadata.httpStatusCode).toBe(200);
  });

  it('records the configuration it accepts with the bucket', async () => {
    // Act
    const outputs = await deploy('buckets.yaml');

    // Assess
    const service = project.cloud.environment('test').service<S3Service>('s3');
    const bucket = service.bucket(String(outputs.UploadsName));
    expect(bucket.record.configuration).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      Tags: [{ Key: 'team', Value: 'fleet' }],
    });
  });

  it('refuses NotificationConfiguration, naming the property, rather than ignoring it', async () => {
    // Act
    const deploying = deploy('notification.yaml');

    // Assess
    await expect(deploying).rejects.toThrow(
      /notification\.yaml: resource Inbox, property NotificationConfiguration: S3 event notifications are not emulated/,
    );
  });

  it('refuses a BucketName that breaks S3’s naming rules', async () => {
    // Act
    const deploying = deploy('bad-name.yaml');

    // Assess
    await expect(deploying).rejects.toThrow(
      /resource Bad, property BucketName: 'My_Bucket' is not a valid bucket name: it may only contain lower-case letters/,
    );
  });

  it('fails to delete a stack whose bucket still holds objects, and deletes it once emptied', async () => {
    // Prepare
    const outputs = await deploy('buckets.yaml');
    const bucket = String(outputs.UploadsName);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'left.txt', Body: 'x' }));
    const stacks = project.cloud.environment('test').stacks;

    // Act
    const refused = stacks.delete('test-buckets');
    await expect(refused).rejects.toThrow(`bucket ${bucket}: The bucket you tried to delete is not empty`);
    project.cloud.environment('test').service<S3Service>('s3').deleteObject(bucket, 'left.txt');
    await stacks.delete('test-buckets');

    // Assess
    const gone = await s3
      .send(new HeadBucketCommand({ Bucket: bucket }))
      .catch((error: { $metadata: { httpStatusCode: number } }) => error);
    expect(gone.$metadata.httpStatusCode).toBe(404);
    expect(stacks.get('test-buckets')).toBeUndefined();
  });

  it('keeps the bucket and its objects across a restart, and a redeploy changes nothing', async () => {
    // Prepare
    const outputs = await deploy('buckets.yaml');
    const bucket = String(outputs.UploadsName);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'kept.txt', Body: 'kept' }));

    // Act
    s3.destroy();
    await project.restart();
    s3 = s3Client(project);
    const again = await deploy('buckets.yaml');
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'kept.txt' }));

    // Assess
    expect(again.UploadsName).toBe(bucket);
    expect(await got.Body?.transformToString()).toBe('kept');
  });
});
