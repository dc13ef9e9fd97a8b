import type { IncomingHttpHeaders } from 'node:http';
import type { EdgeRequest, EdgeResponse, EdgeRoute } from '../edge/edge-route.js';
import type { EnvironmentResolver } from '../edge/environment-resolver.js';
import type { CloudEnvironment } from '../environment.js';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  headBucket,
  listBuckets,
  listObjectsV1,
  listObjectsV2,
} from './bucket-handlers.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './multipart-handlers.js';
import {
  copyObject,
  deleteObject,
  deleteObjects,
  getObject,
  headObject,
  putObject,
} from './object-handlers.js';
import { isPresigned, parsePresignedQuery, verifyPresignedRequest } from './presigned-url.js';
import { MAX_UPLOAD_BYTES } from './request-body.js';
import { newRequestIds, type S3Call, s3ErrorResponse } from './s3-call.js';
import { s3Errors } from './s3-errors.js';
import { S3_SECRET_ACCESS_KEY, type S3Service } from './s3-service.js';

/** Sub-resources of S3's API the local cloud does not emulate; asking for one is a clear 501. */
const UNEMULATED_SUBRESOURCES = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'torrent',
  'versioning',
  'versions',
  'website',
] as const;

/** Room for aws-chunked framing on top of the largest body, so the route can answer S3's own error. */
const FRAMING_BYTES = 1024 * 1024;

/**
 * The S3 REST API on the edge, path-style (`/<bucket>/<key>`), as `@aws-sdk/client-s3` calls it
 * with `forcePathStyle: true` (and as it calls an IP endpoint anyway); virtual-hosted style only
 * for `<bucket>.localhost`. It is a catch-all: the lead
 * puts it after every other route, and it still declines the local cloud's own paths
 * (`/_motorcade/...`), the Lambda API (`/2015-03-31/...`) and JSON protocols (`x-amz-target`,
 * e.g. SQS on `POST /`).
 *
 * Presigned URLs are verified (signature, expiry); requests signed in the Authorization header
 * are not, as on the rest of the edge. The environment is the one of the presigned URL's access
 * key id, else the one the resolver picks.
 */
export function s3ApiRoutes(resolver: EnvironmentResolver): EdgeRoute[] {
  return [
    {
      method: '*',
      pattern: /^\/(?!_motorcade(?:\/|$)|2015-03-31(?:\/|$))/,
      accepts: (headers: IncomingHttpHeaders) => headers['x-amz-target'] === undefined,
      maxBodyBytes: MAX_UPLOAD_BYTES + FRAMING_BYTES,
      handle: async (request, match) => {
        const ids = newRequestIds();
        let response: EdgeResponse;
        try {
          response = await dispatch(await resolve(resolver, request, match.input ?? request.path));
        } catch (error) {
          response = s3ErrorResponse(error, ids);
        }
        return {
          ...response,
          headers: { ...response.headers, 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId },
        };
      },
    },
  ];
}

async function resolve(
  resolver: EnvironmentResolver,
  request: EdgeRequest,
  rawPath: string,
): Promise<S3Call> {
  let env: CloudEnvironment | undefined;
  const presigned = isPresigned(request.query);
  if (presigned) {
    const query = parsePresignedQuery(request.query);
    env = query.accessKeyId.startsWith('motorcade-')
      ? resolver.byName(query.accessKeyId.slice('motorcade-'.length))
      : undefined;
    if (!env) throw s3Errors.invalidAccessKeyId(query.accessKeyId);
    verifyPresignedRequest(
      { method: request.method, rawPath, query: request.query, headers: request.headers },
      query,
      S3_SECRET_ACCESS_KEY,
      env.settings.region,
    );
  } else {
    env = resolver.resolve(request);
  }
  const s3 = env.service<S3Service>('s3');
  // Virtual-hosted style for an endpoint on `localhost` (the SDK's default there; `*.localhost`
  // resolves to the loopback on most systems): the bucket is in the Host header.
  const virtualHost = VIRTUAL_HOST.exec(String(request.headers.host ?? ''))?.[1];
  if (virtualHost) return { request, s3, bucket: virtualHost, key: request.path.slice(1), presigned };
  const path = request.path.slice(1);
  const slash = path.indexOf('/');
  return {
    request,
    s3,
    bucket: slash === -1 ? path : path.slice(0, slash),
    key: slash === -1 ? '' : path.slice(slash + 1),
    presigned,
  };
}

const VIRTUAL_HOST = /^([a-z0-9][a-z0-9.-]*)\.localhost(?::\d+)?$/;

function dispatch(call: S3Call): EdgeResponse | Promise<EdgeResponse> {
  const { method, query, headers } = call.request;
  const unemulated = UNEMULATED_SUBRESOURCES.find((name) => query.has(name));
  if (unemulated) throw s3Errors.notImplemented(`the S3 '${unemulated}' API`);
  if (call.bucket === '') {
    if (method === 'GET') return listBuckets(call);
    throw s3Errors.methodNotAllowed(method, 'SERVICE');
  }
  if (call.key === '') {
    switch (method) {
      case 'GET':
        if (query.has('uploads')) return listMultipartUploads(call);
        if (query.has('location')) return getBucketLocation(call);
        return query.get('list-type') === '2' ? listObjectsV2(call) : listObjectsV1(call);
      case 'PUT':
        return createBucket(call);
      case 'HEAD':
        return headBucket(call);
      case 'DELETE':
        return deleteBucket(call);
      case 'POST':
        if (query.has('delete')) return deleteObjects(call);
        break;
    }
    throw s3Errors.methodNotAllowed(method, 'BUCKET');
  }
  switch (method) {
    case 'GET':
      return query.has('uploadId') ? listParts(call) : getObject(call);
    case 'HEAD':
      return headObject(call);
    case 'PUT':
      if (query.has('uploadId')) {
        if (headers['x-amz-copy-source'] !== undefined) throw s3Errors.notImplemented('UploadPartCopy');
        return uploadPart(call);
      }
      return headers['x-amz-copy-source'] !== undefined ? copyObject(call) : putObject(call);
    case 'DELETE':
      return query.has('uploadId') ? abortMultipartUpload(call) : deleteObject(call);
    case 'POST':
      if (query.has('uploads')) return createMultipartUpload(call);
      if (query.has('uploadId')) return completeMultipartUpload(call);
      break;
  }
  throw s3Errors.methodNotAllowed(method, 'OBJECT');
}
