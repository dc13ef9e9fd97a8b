import { createHash, randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Service } from '../src/s3/index.js';
import { createS3Project, errorOf, s3Client } from './fixtures/s3/s3-test-cloud.js';
import type { TestProject } from './support/test-project.js';

const MiB = 1024 * 1024;

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const md5 = (data: Buffer): Buffer => createHash('md5').update(data).digest();

describe('S3 multipart uploads and presigned URLs through the edge', () => {
  let project: TestProject;
  let s3: S3Client;
  beforeAll(async () => {
    project = await createS3Project();
    s3 = s3Client(project);
    await s3.send(new CreateBucketCommand({ Bucket: 'media' }));
  });
  afterAll(async () => {
    s3.destroy();
    await project.dispose();
  });

  it('round-trips a 10 MB object through lib-storage Upload and a presigned GET', async () => {
    // Prepare
    const data = randomBytes(10 * MiB);
    const expectedEtag = `"${md5(Buffer.concat([md5(data.subarray(0, 5 * MiB)), md5(data.subarray(5 * MiB))])).toString('hex')}-2"`;

    // Act
    const result = await new Upload({
      client: s3,
      params: { Bucket: 'media', Key: 'videos/run 1.bin', Body: data },
    }).done();
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'media', Key: 'videos/run 1.bin' }), {
      expiresIn: 60,
    });
    const response = await fetch(url);
    const downloaded = Buffer.from(await response.arrayBuffer());

    // Assess
    expect(result.ETag).toBe(expectedEtag);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(expectedEtag);
    expect(downloaded.equals(data)).toBe(true);
  });

  it('accepts a presigned PUT from a plain fetch, as a browser sends it', async () => {
    // Prepare: the SDK's default client signs an empty-body CRC32 into the URL, which S3 ignores.
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'media', Key: 'uploads/photo.jpg' }), {
      expiresIn: 60,
    });

    // Act
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg' },
      body: 'jpeg bytes',
    });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'media', Key: 'uploads/photo.jpg' }));

    // Assess
    expect(new URL(url).searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
    expect(put.status).toBe(200);
    expect(await got.Body?.transformToString()).toBe('jpeg bytes');
    expect(got.ContentType).toBe('image/jpeg');
  });

  it('refuses a presigned URL whose signature is wrong, or that is used for another key or method', async () => {
    // Prepare
    await s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'secret.txt', Body: 'secret' }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'media', Key: 'secret.txt' }), {
      expiresIn: 60,
    });
    const signature = new URL(url).searchParams.get('X-Amz-Signature') ?? '';
    const otherSecret = s3Client(project, {
      credentials: { accessKeyId: 'motorcade-test', secretAccessKey: 'guessed' },
    });

    // Act
    const tampered = await fetch(
      url.replace(signature, `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`),
    );
    const otherKey = await fetch(url.replace('/secret.txt', '/other.txt'));
    const otherMethod = await fetch(url, { method: 'DELETE' });
    const wrongSecret = await fetch(
      await getSignedUrl(otherSecret, new GetObjectCommand({ Bucket: 'media', Key: 'secret.txt' })),
    );
    const fine = await fetch(url);

    // Assess
    for (const response of [tampered, otherKey, otherMethod, wrongSecret]) {
      expect(response.status).toBe(403);
      expect(errorOf(await response.text())).toEqual({
        code: 'SignatureDoesNotMatch',
        message:
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      });
    }
    expect(await fine.text()).toBe('secret');
  });

  it('refuses an expired presigned URL with AccessDenied “Request has expired”', async () => {
    // Prepare: signed two hours ago, valid for one.
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'media', Key: 'secret.txt' }), {
      expiresIn: 3600,
      signingDate: new Date(Date.now() - 7200_000),
    });

    // Act
    const response = await fetch(url);

    // Assess
    const xml = await response.text();
    expect(response.status).toBe(403);
    expect(errorOf(xml)).toEqual({ code: 'AccessDenied', message: 'Request has expired' });
    expect(xml).toContain('<X-Amz-Expires>3600</X-Amz-Expires>');
  });

  it('refuses a presigned URL of an unknown access key', async () => {
    // Prepare
    const stranger = s3Client(project, {
      credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'motorcade' },
    });
    const url = await getSignedUrl(stranger, new GetObjectCommand({ Bucket: 'media', Key: 'secret.txt' }));

    // Act
    const response = await fetch(url);

    // Assess
    expect(response.status).toBe(403);
    expect(errorOf(await response.text()).code).toBe('InvalidAccessKeyId');
  });

  it('offers put, get and presign in process, for the local cloud’s own code', async () => {
    // Prepare
    const service = project.cloud.environment('test').service<S3Service>('s3');

    // Act
    await service.putObject('media', 'offload/payload.json', '{"big":true}', {
      contentType: 'application/json',
    });
    const { body, object } = await service.getObject('media', 'offload/payload.json');
    const download = await fetch(service.presign('GET', 'media', 'offload/payload.json', 60));
    const upload = await fetch(service.presign('PUT', 'media', 'offload/reply.json', 60), {
      method: 'PUT',
      body: 'reply',
    });

    // Assess
    expect(body.toString()).toBe('{"big":true}');
    expect(object.contentType).toBe('application/json');
    expect(await download.text()).toBe('{"big":true}');
    expect(upload.status).toBe(200);
    expect((await service.getObject('media', 'offload/reply.json')).body.toString()).toBe('reply');
  });

  it('checks a completion as S3 does: part order, ETags and the 5 MiB minimum part size', async () => {
    // Prepare
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'media', Key: 'parts.bin' }),
    );
    const upload = { Bucket: 'media', Key: 'parts.bin', UploadId };
    const one = await s3.send(
      new UploadPartCommand({ ...upload, PartNumber: 1, Body: Buffer.alloc(1024, 1) }),
    );
    const two = await s3.send(
      new UploadPartCommand({ ...upload, PartNumber: 2, Body: Buffer.alloc(1024, 2) }),
    );
    const parts = [
      { PartNumber: 1, ETag: one.ETag, ChecksumCRC32: one.ChecksumCRC32 },
      { PartNumber: 2, ETag: two.ETag, ChecksumCRC32: two.ChecksumCRC32 },
    ];

    // Act
    const listed = await s3.send(new ListPartsCommand(upload));
    const reversed = await failure(
      s3.send(
        new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: [...parts].reverse() } }),
      ),
    );
    const wrongTag = await failure(
      s3.send(
        new CompleteMultipartUploadCommand({
          ...upload,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"0"' }] },
        }),
      ),
    );
    const tooSmall = await failure(
      s3.send(new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: parts } })),
    );

    // Assess
    expect(listed.Parts?.map((part) => [part.PartNumber, part.Size, part.ETag])).toEqual([
      [1, 1024, one.ETag],
      [2, 1024, two.ETag],
    ]);
    expect(reversed.name).toBe('InvalidPartOrder');
    expect(wrongTag.name).toBe('InvalidPart');
    expect(tooSmall.name).toBe('EntityTooSmall');
  });

  it('completes a single small part with the multipart ETag and a composite checksum', async () => {
    // Prepare
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'media', Key: 'one.bin', ChecksumAlgorithm: 'CRC32' }),
    );
    const upload = { Bucket: 'media', Key: 'one.bin', UploadId };
    const data = Buffer.from('only part');
    const part = await s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: data }));

    // Act
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        ...upload,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32 }] },
      }),
    );
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'media', Key: 'one.bin', ChecksumMode: 'ENABLED' }),
    );

    // Assess
    expect(done.ETag).toBe(`"${md5(md5(data)).toString('hex')}-1"`);
    expect(done.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/=]{8}-1$/);
    expect(head.ChecksumCRC32).toBe(done.ChecksumCRC32);
    expect(head.ContentLength).toBe(data.length);
  });

  it('refuses a part without the checksum a composite-checksum upload asked for', async () => {
    // Prepare: a client that only sends checksums when an operation requires them.
    const plain = s3Client(project, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const { UploadId } = await plain.send(
      new CreateMultipartUploadCommand({ Bucket: 'media', Key: 'strict.bin', ChecksumAlgorithm: 'CRC32' }),
    );

    // Act
    const error = await failure(
      plain.send(
        new UploadPartCommand({ Bucket: 'media', Key: 'strict.bin', UploadId, PartNumber: 1, Body: 'x' }),
      ),
    );

    // Assess
    expect(error.name).toBe('InvalidRequest');
    expect(error.message).toBe(
      'Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: null',
    );
    plain.destroy();
  });

  it('forgets an aborted upload', async () => {
    // Prepare
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'media', Key: 'gone.bin' }),
    );
    const upload = { Bucket: 'media', Key: 'gone.bin', UploadId };

    // Act
    await s3.send(new AbortMultipartUploadCommand(upload));
    const error = await failure(s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: 'x' })));

    // Assess
    expect(error.name).toBe('NoSuchUpload');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
