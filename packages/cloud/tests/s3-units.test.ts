import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAwsChunked } from '../src/s3/aws-chunked.js';
import { bucketNameProblem, generateBucketName } from '../src/s3/bucket-name.js';
import { BucketObjects } from '../src/s3/bucket-objects.js';
import { compositeChecksum, computeChecksum } from '../src/s3/checksums.js';
import { etagMatches, parseRange } from '../src/s3/http-conditions.js';
import { listPage } from '../src/s3/list-objects.js';
import { parsePresignedQuery, presignUrl, verifyPresignedRequest } from '../src/s3/presigned-url.js';
import { S3Error } from '../src/s3/s3-errors.js';

function s3ErrorCode(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof S3Error) return error.type;
    throw error;
  }
  return undefined;
}

describe('aws-chunked bodies', () => {
  it('decodes unsigned chunks and the checksum trailer', () => {
    // Act
    const decoded = decodeAwsChunked(
      Buffer.from('6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n'),
    );

    // Assess
    expect(decoded.data.toString()).toBe('hello world');
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
  });

  it('decodes signed chunks, dropping chunk and trailer signatures', () => {
    // Act
    const decoded = decodeAwsChunked(
      Buffer.from(
        `3;chunk-signature=${'a'.repeat(64)}\r\nabc\r\n0;chunk-signature=${'b'.repeat(64)}\r\nx-amz-checksum-crc32c:x==\r\nx-amz-trailer-signature:${'c'.repeat(64)}\r\n\r\n`,
      ),
    );

    // Assess
    expect(decoded.data.toString()).toBe('abc');
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32c': 'x==' });
  });

  it.each([
    ['a truncated chunk', '10\r\nshort\r\n'],
    ['a size that is not hex', 'zz\r\nabc\r\n0\r\n\r\n'],
    ['a chunk without its CRLF', '3\r\nabcX0\r\n\r\n'],
  ])('refuses %s as IncompleteBody', (_name, body) => {
    // Act
    const code = s3ErrorCode(() => decodeAwsChunked(Buffer.from(body)));

    // Assess
    expect(code).toBe('IncompleteBody');
  });
});

describe('checksums', () => {
  it.each([
    ['CRC32', 'y/Q5Jg=='],
    ['CRC32C', '4waSgw=='],
    ['SHA1', '98O8HYCOBHMq32eZZczDTKeuNEE='],
    ['SHA256', 'FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU='],
  ] as const)('computes %s of the standard check input', (algorithm, expected) => {
    // Act
    const value = computeChecksum(algorithm, Buffer.from('123456789'));

    // Assess
    expect(value).toBe(expected);
  });

  it('makes a composite checksum of the part checksums with the part count', () => {
    // Prepare
    const parts = [
      computeChecksum('CRC32', Buffer.from('a')),
      computeChecksum('CRC32', Buffer.from('b')),
    ] as string[];

    // Act
    const composite = compositeChecksum('CRC32', parts);

    // Assess
    const joined = Buffer.concat(parts.map((part) => Buffer.from(part, 'base64')));
    expect(composite).toBe(`${computeChecksum('CRC32', joined)}-2`);
  });
});

describe('bucket names', () => {
  it.each([
    ['ab', 'must be 3 to 63 characters long'],
    ['a'.repeat(64), 'must be 3 to 63 characters long'],
    ['My-Bucket', 'may only contain lower-case letters, digits, dots and hyphens'],
    ['-bucket', 'must begin and end with a letter or digit'],
    ['my..bucket', 'must not contain two adjacent dots'],
    ['192.168.5.4', 'must not be formatted as an IP address'],
    ['xn--bucket', "must not start with the reserved prefix 'xn--'"],
    ['bucket-s3alias', "must not end with the reserved suffix '-s3alias'"],
  ])('refuses %s: it %s', (name, problem) => {
    // Act
    const found = bucketNameProblem(name);

    // Assess
    expect(found).toBe(problem);
  });

  it('accepts names S3 accepts', () => {
    // Act
    const problems = ['my-bucket', 'my.bucket.2024', 'abc'].map(bucketNameProblem);

    // Assess
    expect(problems).toEqual([undefined, undefined, undefined]);
  });

  it('generates a valid lower-case name within 63 characters even for long stack names', () => {
    // Act
    const name = generateBucketName(`Production-${'Very'.repeat(20)}`, 'UploadsBucket');

    // Assess
    expect(name.length).toBeLessThanOrEqual(63);
    expect(bucketNameProblem(name)).toBeUndefined();
  });
});

describe('ranges and conditions', () => {
  it.each([
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=5-', { start: 5, end: 9 }],
    ['bytes=-4', { start: 6, end: 9 }],
    ['bytes=8-100', { start: 8, end: 9 }],
    ['bytes=-100', { start: 0, end: 9 }],
    ['bytes=0-1,3-4', undefined],
    ['items=0-1', undefined],
  ])('reads %s of a 10-byte object', (header, expected) => {
    // Act
    const range = parseRange(header, 10);

    // Assess
    expect(range).toEqual(expected);
  });

  it.each(['bytes=10-', 'bytes=-0'])('refuses %s of a 10-byte object with InvalidRange', (header) => {
    // Act
    const code = s3ErrorCode(() => parseRange(header, 10));

    // Assess
    expect(code).toBe('InvalidRange');
  });

  it.each([
    ['"abc"', true],
    ['abc', true],
    ['"x", "abc"', true],
    ['W/"abc"', true],
    ['*', true],
    ['"abd"', false],
  ])('matches If-Match %s against "abc": %s', (list, expected) => {
    // Act
    const matches = etagMatches(list, '"abc"');

    // Assess
    expect(matches).toBe(expected);
  });
});

describe('listing pages', () => {
  const keys = ['a/', 'a/1', 'a/2', 'b', 'c/x/1'];

  it('resumes after a common prefix without listing it again', () => {
    // Act
    const first = listPage(keys, { prefix: '', delimiter: '/', after: '', maxKeys: 1 });
    const second = listPage(keys, { prefix: '', delimiter: '/', after: String(first.last), maxKeys: 10 });

    // Assess
    expect(first).toEqual({ keys: [], commonPrefixes: ['a/'], isTruncated: true, last: 'a/' });
    expect(second).toMatchObject({ keys: ['b'], commonPrefixes: ['c/'], isTruncated: false });
  });

  it('lists keys after a StartAfter that ends with the delimiter below the prefix', () => {
    // Act
    const page = listPage(keys, { prefix: 'a/', delimiter: '/', after: 'a/', maxKeys: 10 });

    // Assess
    expect(page.keys).toEqual(['a/1', 'a/2']);
  });
});

describe('presigned URLs made in process', () => {
  const options = {
    method: 'GET',
    endpoint: 'http://127.0.0.1:4566',
    bucket: 'b',
    key: 'dir/a b+c.txt',
    accessKeyId: 'motorcade-test',
    secretAccessKey: 'motorcade',
    region: 'eu-west-1',
    expiresInSeconds: 60,
    now: new Date('2024-05-01T10:00:00Z'),
  } as const;

  function check(url: string, now: Date, method = 'GET'): string | undefined {
    const parsed = new URL(url);
    return s3ErrorCode(() =>
      verifyPresignedRequest(
        { method, rawPath: parsed.pathname, query: parsed.searchParams, headers: { host: parsed.host } },
        parsePresignedQuery(parsed.searchParams),
        'motorcade',
        'eu-west-1',
        now,
      ),
    );
  }

  it('verifies within its lifetime and expires after it', () => {
    // Act
    const url = presignUrl(options);

    // Assess
    expect(check(url, new Date('2024-05-01T10:00:59Z'))).toBeUndefined();
    expect(check(url, new Date('2024-05-01T10:01:01Z'))).toBe('AccessDenied');
    expect(check(url, new Date('2024-05-01T10:00:30Z'), 'PUT')).toBe('SignatureDoesNotMatch');
  });

  it('refuses a lifetime over seven days as S3 does', () => {
    // Prepare
    const url = new URL(presignUrl(options));
    url.searchParams.set('X-Amz-Expires', '604801');

    // Act
    const code = s3ErrorCode(() => parsePresignedQuery(url.searchParams));

    // Assess
    expect(code).toBe('AuthorizationQueryParametersError');
  });
});

describe('objects on disk', () => {
  it('keeps the committed object when a write died before its commit, and removes the leftovers', async () => {
    // Prepare: a committed object, then the bytes of a second write that never committed (kill -9).
    const dir = await mkdtemp(join(tmpdir(), 'motorcade-s3-'));
    const objects = BucketObjects.open(dir);
    await objects.write(Buffer.from('old'), {
      key: 'k',
      size: 3,
      etag: '"e"',
      lastModified: new Date(0).toISOString(),
      contentType: 'text/plain',
      userMetadata: {},
      headers: {},
    });
    const torn = objects.newDataFile();
    await writeFile(torn.path, 'new but never committed');
    await writeFile(join(dir, 'half-written.json.1234.tmp'), '{"key":');

    // Act
    const reopened = BucketObjects.open(dir);

    // Assess
    const record = reopened.get('k');
    expect(record && (await reopened.read(record)).data.toString()).toBe('old');
    const left = await readdir(dir);
    expect(left).toHaveLength(2);
    expect(left).toEqual(expect.arrayContaining([record?.dataFile, expect.stringMatching(/\.json$/)]));
    await rm(dir, { recursive: true, force: true });
  });
});
