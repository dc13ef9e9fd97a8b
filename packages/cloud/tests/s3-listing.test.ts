import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Project, errorOf, s3Client } from './fixtures/s3/s3-test-cloud.js';
import type { TestProject } from './support/test-project.js';

const KEYS = [
  'readme.txt',
  'trips/2024/01/a.json',
  'trips/2024/01/b.json',
  'trips/2024/02/c.json',
  'trips/2025/d.json',
  'trips/index.json',
  'vehicles/van-1.json',
  'vehicles/van-2.json',
];

describe('S3 ListObjectsV2 through the edge', () => {
  let project: TestProject;
  let s3: S3Client;
  beforeAll(async () => {
    project = await createS3Project();
    s3 = s3Client(project);
    await s3.send(new CreateBucketCommand({ Bucket: 'fleet' }));
    // Written out of order: the listing must come back in key order.
    for (const key of [...KEYS].reverse())
      await s3.send(new PutObjectCommand({ Bucket: 'fleet', Key: key, Body: key }));
  });
  afterAll(async () => {
    s3.destroy();
    await project.dispose();
  });

  it('lists every key in order with size, ETag and storage class', async () => {
    // Act
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'fleet' }));

    // Assess
    expect(page.Contents?.map((object) => object.Key)).toEqual(KEYS);
    expect(page.KeyCount).toBe(KEYS.length);
    expect(page.IsTruncated).toBe(false);
    expect(page.Contents?.[0]).toMatchObject({
      Size: 10,
      StorageClass: 'STANDARD',
      ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
    });
    expect(page.Contents?.[0]?.LastModified).toBeInstanceOf(Date);
  });

  it('rolls keys up into CommonPrefixes at the delimiter below the prefix', async () => {
    // Act
    const top = await s3.send(new ListObjectsV2Command({ Bucket: 'fleet', Delimiter: '/' }));
    const trips = await s3.send(
      new ListObjectsV2Command({ Bucket: 'fleet', Prefix: 'trips/', Delimiter: '/' }),
    );

    // Assess
    expect(top.Contents?.map((object) => object.Key)).toEqual(['readme.txt']);
    expect(top.CommonPrefixes?.map((entry) => entry.Prefix)).toEqual(['trips/', 'vehicles/']);
    expect(trips.Contents?.map((object) => object.Key)).toEqual(['trips/index.json']);
    expect(trips.CommonPrefixes?.map((entry) => entry.Prefix)).toEqual(['trips/2024/', 'trips/2025/']);
    expect(trips.KeyCount).toBe(3);
  });

  it('pages with max-keys and continuation tokens, counting a common prefix as one entry', async () => {
    // Act
    const pages = [];
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 2 },
      { Bucket: 'fleet', Delimiter: '/', Prefix: 'trips/' },
    ))
      pages.push(page);
    const all = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 3 }, { Bucket: 'fleet' }))
      all.push(...(page.Contents ?? []).map((object) => object.Key));

    // Assess
    expect(
      pages.map((page) => [
        ...(page.CommonPrefixes ?? []).map((entry) => entry.Prefix),
        ...(page.Contents ?? []).map((object) => object.Key),
      ]),
    ).toEqual([['trips/2024/', 'trips/2025/'], ['trips/index.json']]);
    expect(pages[0]?.IsTruncated).toBe(true);
    expect(all).toEqual(KEYS);
  });

  it('starts after a given key', async () => {
    // Act
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'fleet', StartAfter: 'trips/index.json' }));

    // Assess
    expect(page.Contents?.map((object) => object.Key)).toEqual([
      'vehicles/van-1.json',
      'vehicles/van-2.json',
    ]);
    expect(page.StartAfter).toBe('trips/index.json');
  });

  it('lists with version 1 markers too', async () => {
    // Act
    const page = await s3.send(
      new ListObjectsCommand({ Bucket: 'fleet', Marker: 'trips/2025/d.json', MaxKeys: 2 }),
    );

    // Assess
    expect(page.Contents?.map((object) => object.Key)).toEqual(['trips/index.json', 'vehicles/van-1.json']);
    expect(page.IsTruncated).toBe(true);
  });

  it('refuses a malformed continuation token and a negative max-keys', async () => {
    // Act
    const token = await fetch(`${project.cloud.edgeUrl}/fleet?list-type=2&continuation-token=%%%`);
    const maxKeys = await fetch(`${project.cloud.edgeUrl}/fleet?list-type=2&max-keys=-1`);

    // Assess
    expect(token.status).toBe(400);
    expect(errorOf(await token.text()).code).toBe('InvalidArgument');
    expect(maxKeys.status).toBe(400);
    expect(errorOf(await maxKeys.text()).code).toBe('InvalidArgument');
  });
});
