import { createHash } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createS3Project, errorOf, s3Client } from './fixtures/s3/s3-test-cloud.js';
import type { TestProject } from './support/test-project.js';

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('S3 buckets and objects through the edge', () => {
  let project: TestProject;
  let s3: S3Client;
  beforeEach(async () => {
    project = await createS3Project();
    s3 = s3Client(project);
    await s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
  });
  afterEach(async () => {
    s3.destroy();
    await project.dispose();
  });

  it('creates, lists, heads and deletes buckets', async () => {
    // Act
    await s3.send(new CreateBucketCommand({ Bucket: 'archive' }));
    const listed = await s3.send(new ListBucketsCommand({}));
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'archive' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'archive' }));
    const missing = await failure(s3.send(new HeadBucketCommand({ Bucket: 'archive' })));

    // Assess
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toEqual(['archive', 'photos']);
    expect(head.BucketRegion).toBe('eu-west-1');
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses a second bucket of the same name and a name that breaks the rules, in S3’s words', async () => {
    // Act
    const again = await failure(s3.send(new CreateBucketCommand({ Bucket: 'photos' })));
    const invalid = await fetch(`${project.cloud.edgeUrl}/Not_Valid`, { method: 'PUT' });

    // Assess
    expect(again.name).toBe('BucketAlreadyOwnedByYou');
    expect(again.$metadata.httpStatusCode).toBe(409);
    expect(invalid.status).toBe(400);
    expect(errorOf(await invalid.text()).code).toBe('InvalidBucketName');
  });

  it('refuses to delete a bucket that still holds objects', async () => {
    // Prepare
    await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'a.jpg', Body: 'x' }));

    // Act
    const error = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'photos' })));

    // Assess
    expect(error.name).toBe('BucketNotEmpty');
    expect(error.message).toBe('The bucket you tried to delete is not empty');
  });

  it('round-trips an object with its content type and user metadata, and the SDK’s checksum validates', async () => {
    // Act
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'photos',
        Key: 'trips/2024/a b+c.json',
        Body: '{"hello":"world"}',
        ContentType: 'application/json',
        Metadata: { vehicle: 'van-7' },
      }),
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'photos', Key: 'trips/2024/a b+c.json', ChecksumMode: 'ENABLED' }),
    );

    // Assess
    expect(put.ETag).toBe('"fbc24bcc7a1794758fc1327fcfebdaf6"');
    expect(put.ChecksumCRC32).toBeDefined();
    expect(await got.Body?.transformToString()).toBe('{"hello":"world"}');
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ vehicle: 'van-7' });
    expect(got.ETag).toBe(put.ETag);
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
  });

  it('decodes a streamed aws-chunked upload with a CRC32 trailer and echoes the checksum', async () => {
    // Prepare: a stream body makes the SDK send aws-chunked with STREAMING-UNSIGNED-PAYLOAD-TRAILER.
    const body = Readable.from([Buffer.from('hello '), Buffer.from('world')]);

    // Act
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'photos', Key: 'stream.txt', Body: body, ContentLength: 11 }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'stream.txt' }));

    // Assess
    expect(put.ChecksumCRC32).toBe('DUoRhQ==');
    expect(await got.Body?.transformToString()).toBe('hello world');
    expect(got.ContentEncoding).toBeUndefined();
  });

  it('refuses a body whose checksum does not match, and stores nothing', async () => {
    // Act
    const response = await fetch(`${project.cloud.edgeUrl}/photos/bad.txt`, {
      method: 'PUT',
      headers: { 'x-amz-checksum-crc32': 'AAAAAA==' },
      body: 'not empty',
    });
    const missing = await failure(s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: 'bad.txt' })));

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(await response.text())).toEqual({
      code: 'BadDigest',
      message: 'The CRC32 you specified did not match the calculated checksum.',
    });
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('stores a plain PUT without checksums and serves it to a plain GET', async () => {
    // Act
    const put = await fetch(`${project.cloud.edgeUrl}/photos/plain.txt`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: 'plain',
    });
    const got = await fetch(`${project.cloud.edgeUrl}/photos/plain.txt`);

    // Assess
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${createHash('md5').update('plain').digest('hex')}"`);
    expect(put.headers.get('x-amz-checksum-crc32')).toBeNull();
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(await got.text()).toBe('plain');
  });

  it('answers a missing key with S3’s error document and request id', async () => {
    // Act
    const response = await fetch(`${project.cloud.edgeUrl}/photos/nope.txt`);
    const sdk = await failure(s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'nope.txt' })));

    // Assess
    const xml = await response.text();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(xml).toContain(
      '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>nope.txt</Key><RequestId>',
    );
    expect(response.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    expect(xml).toContain(`<RequestId>${response.headers.get('x-amz-request-id')}</RequestId>`);
    expect(sdk.name).toBe('NoSuchKey');
  });

  it('serves a byte range with 206 and Content-Range, and refuses one past the end with 416', async () => {
    // Prepare
    await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'digits', Body: '0123456789' }));

    // Act
    const middle = await s3.send(
      new GetObjectCommand({ Bucket: 'photos', Key: 'digits', Range: 'bytes=2-4' }),
    );
    const suffix = await s3.send(
      new GetObjectCommand({ Bucket: 'photos', Key: 'digits', Range: 'bytes=-3' }),
    );
    const beyond = await failure(
      s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'digits', Range: 'bytes=10-' })),
    );

    // Assess
    expect(middle.$metadata.httpStatusCode).toBe(206);
    expect(middle.ContentRange).toBe('bytes 2-4/10');
    expect(await middle.Body?.transformToString()).toBe('234');
    expect(await suffix.Body?.transformToString()).toBe('789');
    expect(beyond.name).toBe('InvalidRange');
    expect(beyond.$metadata.httpStatusCode).toBe(416);
  });

  it('honours If-None-Match, If-Match and If-Modified-Since with 304 and 412', async () => {
    // Prepare
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'c.txt', Body: 'c' }));
    const url = `${project.cloud.edgeUrl}/photos/c.txt`;

    // Act
    const unchanged = await fetch(url, { headers: { 'if-none-match': String(ETag) } });
    const otherTag = await fetch(url, { headers: { 'if-match': '"0000"' } });
    const notSince = await fetch(url, {
      headers: { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() },
    });
    const sdk = await failure(
      s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'c.txt', IfMatch: '"0000"' })),
    );

    // Assess
    expect(unchanged.status).toBe(304);
    expect(otherTag.status).toBe(412);
    expect(errorOf(await otherTag.text()).code).toBe('PreconditionFailed');
    expect(notSince.status).toBe(304);
    expect(sdk.name).toBe('PreconditionFailed');
  });

  it('answers HeadObject with the object’s length, type and metadata but no body', async () => {
    // Prepare
    await s3.send(
      new PutObjectCommand({
        Bucket: 'photos',
        Key: 'h.bin',
        Body: Buffer.alloc(1234, 7),
        Metadata: { a: 'b' },
      }),
    );

    // Act
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: 'h.bin' }));

    // Assess
    expect(head.ContentLength).toBe(1234);
    expect(head.ContentType).toBe('application/octet-stream');
    expect(head.Metadata).toEqual({ a: 'b' });
  });

  it('copies an object keeping its metadata, or replacing it, and refuses a copy onto itself', async () => {
    // Prepare
    await s3.send(
      new PutObjectCommand({
        Bucket: 'photos',
        Key: 'src name.txt',
        Body: 'copy me',
        ContentType: 'text/plain',
        Metadata: { v: '1' },
      }),
    );

    // Act
    await s3.send(
      new CopyObjectCommand({ Bucket: 'photos', Key: 'kept.txt', CopySource: 'photos/src%20name.txt' }),
    );
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'photos',
        Key: 'replaced.txt',
        CopySource: 'photos/src%20name.txt',
        MetadataDirective: 'REPLACE',
        ContentType: 'text/markdown',
      }),
    );
    const kept = await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'kept.txt' }));
    const replaced = await s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: 'replaced.txt' }));
    const self = await failure(
      s3.send(new CopyObjectCommand({ Bucket: 'photos', Key: 'kept.txt', CopySource: 'photos/kept.txt' })),
    );

    // Assess
    expect(await kept.Body?.transformToString()).toBe('copy me');
    expect(kept.Metadata).toEqual({ v: '1' });
    expect(kept.ContentType).toBe('text/plain');
    expect(replaced.ContentType).toBe('text/markdown');
    expect(replaced.Metadata).toEqual({});
    expect(self.name).toBe('InvalidRequest');
  });

  it('deletes one object and many objects at once', async () => {
    // Prepare
    for (const key of ['a', 'b', 'c & d'])
      await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: key, Body: key }));

    // Act
    await s3.send(new DeleteObjectCommand({ Bucket: 'photos', Key: 'a' }));
    const many = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'photos',
        Delete: { Objects: [{ Key: 'b' }, { Key: 'c & d' }, { Key: 'never' }] },
      }),
    );
    const bucketDeleted = await s3.send(new DeleteBucketCommand({ Bucket: 'photos' }));

    // Assess
    expect(many.Deleted?.map((entry) => entry.Key)).toEqual(['b', 'c & d', 'never']);
    expect(bucketDeleted.$metadata.httpStatusCode).toBe(204);
  });

  it('keeps buckets and objects across a restart', async () => {
    // Prepare
    await s3.send(
      new PutObjectCommand({ Bucket: 'photos', Key: 'kept.txt', Body: 'still here', Metadata: { x: 'y' } }),
    );

    // Act
    s3.destroy();
    await project.restart();
    s3 = s3Client(project);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'kept.txt' }));

    // Assess
    expect(await got.Body?.transformToString()).toBe('still here');
    expect(got.Metadata).toEqual({ x: 'y' });
  });

  it('reads the bucket from a <bucket>.localhost Host header (virtual-hosted style)', async () => {
    // Prepare
    await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'dir/v.txt', Body: 'virtual' }));
    const { port } = new URL(project.cloud.edgeUrl);

    // Act: node:http lets a test set the Host header, which fetch does not.
    const body = await new Promise<string>((resolve, reject) => {
      const request = httpGet(
        { host: '127.0.0.1', port, path: '/dir/v.txt', headers: { host: `photos.localhost:${port}` } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks).toString()));
        },
      );
      request.on('error', reject);
    });

    // Assess
    expect(body).toBe('virtual');
  });

  it('leaves the local cloud’s own API and JSON protocols to their routes', async () => {
    // Act
    const health = await fetch(`${project.cloud.edgeUrl}/_motorcade/health`);
    const sqs = await fetch(`${project.cloud.edgeUrl}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });

    // Assess
    expect(await health.json()).toEqual({ ok: true });
    // SQS's JSON protocol answers, not S3's XML catch-all.
    expect(sqs.status).toBe(200);
    expect(sqs.headers.get('content-type')).toMatch(/json/);
    expect(await sqs.json()).not.toHaveProperty('Error');
  });
});
