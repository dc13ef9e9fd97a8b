import { createHash } from 'node:crypto';
import type { EdgeResponse } from '../edge/edge-route.js';
import { listPage } from './list-objects.js';
import { type S3Call, xmlResponse } from './s3-call.js';
import { S3Error, s3Errors } from './s3-errors.js';
import { parseXml, type XmlValue, xmlText } from './s3-xml.js';
import type { StoredObject } from './stored-object.js';

const MAX_KEYS = 1000;

/** ListBuckets: the environment's buckets, by name. */
export function listBuckets(call: S3Call): EdgeResponse {
  const region = call.s3.context.region;
  return xmlResponse('ListAllMyBucketsResult', {
    Owner: owner(call),
    Buckets: {
      Bucket: call.s3.listBuckets().map((bucket) => ({
        Name: bucket.name,
        CreationDate: bucket.createdAt,
        BucketRegion: region,
      })),
    },
  });
}

/** CreateBucket: an optional `CreateBucketConfiguration` must name this environment's region. */
export function createBucket(call: S3Call): EdgeResponse {
  const region = call.s3.context.region;
  if (call.request.body.length > 0) {
    const configuration = parseXml(call.request.body).CreateBucketConfiguration;
    const constraint = xmlText(configuration, 'LocationConstraint');
    if (constraint !== undefined && constraint !== region) {
      throw new S3Error(
        'IllegalLocationConstraintException',
        400,
        `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      );
    }
  }
  call.s3.createBucket(call.bucket);
  return { status: 200, headers: { location: `/${call.bucket}` } };
}

/** HeadBucket: 200 with the bucket's region, or 404 (a HEAD has no error body). */
export function headBucket(call: S3Call): EdgeResponse {
  call.s3.bucket(call.bucket);
  return {
    status: 200,
    headers: { 'x-amz-bucket-region': call.s3.context.region, 'x-amz-access-point-alias': 'false' },
  };
}

/** DeleteBucket: only an empty bucket (`BucketNotEmpty` otherwise). */
export function deleteBucket(call: S3Call): EdgeResponse {
  call.s3.deleteBucket(call.bucket);
  return { status: 204 };
}

/** GetBucketLocation. */
export function getBucketLocation(call: S3Call): EdgeResponse {
  call.s3.bucket(call.bucket);
  return xmlResponse('LocationConstraint', { '#text': call.s3.context.region });
}

/** ListObjectsV2 (`list-type=2`): prefix, delimiter, max-keys, start-after and continuation tokens. */
export function listObjectsV2(call: S3Call): EdgeResponse {
  const query = call.request.query;
  const bucket = call.s3.bucket(call.bucket);
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const startAfter = query.get('start-after') ?? '';
  const token = query.get('continuation-token');
  const maxKeys = maxKeysOf(query.get('max-keys'));
  const after = token === null ? startAfter : decodeToken(token);
  const page = listPage(bucket.objects.sortedKeys(), { prefix, delimiter, after, maxKeys });
  const encode = encoder(query.get('encoding-type'));
  return xmlResponse('ListBucketResult', {
    Name: call.bucket,
    Prefix: encode(prefix),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: maxKeys,
    KeyCount: page.keys.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ...(token === null ? {} : { ContinuationToken: token }),
    ...(page.isTruncated && page.last !== undefined
      ? { NextContinuationToken: Buffer.from(page.last).toString('base64url') }
      : {}),
    ...(startAfter ? { StartAfter: encode(startAfter) } : {}),
    ...(query.get('encoding-type') === 'url' ? { EncodingType: 'url' } : {}),
    Contents: page.keys.map((key) =>
      contents(
        bucket.objects.get(key) as StoredObject,
        encode,
        query.get('fetch-owner') === 'true' ? owner(call) : undefined,
      ),
    ),
    CommonPrefixes: page.commonPrefixes.map((entry) => ({ Prefix: encode(entry) })),
  });
}

/** ListObjects (version 1): `marker` instead of tokens; NextMarker only with a delimiter, as S3. */
export function listObjectsV1(call: S3Call): EdgeResponse {
  const query = call.request.query;
  const bucket = call.s3.bucket(call.bucket);
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const marker = query.get('marker') ?? '';
  const maxKeys = maxKeysOf(query.get('max-keys'));
  const page = listPage(bucket.objects.sortedKeys(), { prefix, delimiter, after: marker, maxKeys });
  const encode = encoder(query.get('encoding-type'));
  return xmlResponse('ListBucketResult', {
    Name: call.bucket,
    Prefix: encode(prefix),
    Marker: encode(marker),
    ...(page.isTruncated && delimiter && page.last !== undefined ? { NextMarker: encode(page.last) } : {}),
    MaxKeys: maxKeys,
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    IsTruncated: page.isTruncated,
    ...(query.get('encoding-type') === 'url' ? { EncodingType: 'url' } : {}),
    Contents: page.keys.map((key) => contents(bucket.objects.get(key) as StoredObject, encode, owner(call))),
    CommonPrefixes: page.commonPrefixes.map((entry) => ({ Prefix: encode(entry) })),
  });
}

function contents(
  object: StoredObject,
  encode: (value: string) => string,
  objectOwner: Record<string, XmlValue> | undefined,
): Record<string, XmlValue> {
  return {
    Key: encode(object.key),
    LastModified: object.lastModified,
    ETag: object.etag,
    ...(object.checksum
      ? { ChecksumAlgorithm: object.checksum.algorithm, ChecksumType: object.checksum.type }
      : {}),
    Size: object.size,
    ...(objectOwner ? { Owner: objectOwner } : {}),
    StorageClass: 'STANDARD',
  };
}

/** The account's canonical user: S3 ids are 64 hex characters. */
function owner(call: S3Call): Record<string, XmlValue> {
  return {
    ID: createHash('sha256').update(call.s3.context.accountId).digest('hex'),
    DisplayName: call.s3.context.name,
  };
}

function maxKeysOf(value: string | null): number {
  if (value === null) return MAX_KEYS;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number > 2_147_483_647) {
    throw s3Errors.invalidArgument(
      'Provided max-keys not an integer or within integer range',
      'max-keys',
      value,
    );
  }
  return Math.min(number, MAX_KEYS);
}

function decodeToken(token: string): string {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (token === '' || Buffer.from(decoded).toString('base64url') !== token) {
    throw s3Errors.invalidArgument(
      'The continuation token provided is incorrect',
      'continuation-token',
      token,
    );
  }
  return decoded;
}

/** `encoding-type=url`: keys URL-encoded so that any byte survives XML. */
function encoder(encodingType: string | null): (value: string) => string {
  return encodingType === 'url'
    ? (value) => encodeURIComponent(value).replace(/%2F/g, '/')
    : (value) => value;
}
