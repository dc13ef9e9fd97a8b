import type { EdgeResponse } from '../edge/edge-route.js';
import { type ChecksumType, checksumElementName, parseChecksumAlgorithm } from './checksums.js';
import {
  type CompletedPart,
  completeMultipartUpload as complete,
  createMultipartUpload as create,
  findUpload,
  uploadPart as storePart,
} from './multipart.js';
import { writeHeaders } from './object-handlers.js';
import { objectOptionsFromHeaders } from './object-headers.js';
import { readUploadBody } from './request-body.js';
import { type S3Call, xmlResponse } from './s3-call.js';
import { s3Errors } from './s3-errors.js';
import { parseXml, xmlText } from './s3-xml.js';

/** CreateMultipartUpload (`POST ?uploads`), with the checksum algorithm and type the SDK asks for. */
export function createMultipartUpload(call: S3Call): EdgeResponse {
  const headers = call.request.headers;
  const algorithmHeader = headers['x-amz-checksum-algorithm'];
  const algorithm = typeof algorithmHeader === 'string' ? parseChecksumAlgorithm(algorithmHeader) : undefined;
  if (typeof algorithmHeader === 'string' && !algorithm)
    throw s3Errors.invalidRequest(
      `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]`,
    );
  const typeHeader = headers['x-amz-checksum-type'];
  const type =
    typeHeader === 'FULL_OBJECT' || typeHeader === 'COMPOSITE' ? (typeHeader as ChecksumType) : undefined;
  const upload = create(
    call.s3.bucket(call.bucket),
    call.key,
    objectOptionsFromHeaders(headers),
    algorithm ? { algorithm, ...(type ? { type } : {}) } : undefined,
  );
  return xmlResponse(
    'InitiateMultipartUploadResult',
    { Bucket: call.bucket, Key: call.key, UploadId: upload.uploadId },
    {
      ...(upload.checksumAlgorithm ? { 'x-amz-checksum-algorithm': upload.checksumAlgorithm } : {}),
      ...(upload.checksumType ? { 'x-amz-checksum-type': upload.checksumType } : {}),
    },
  );
}

/** UploadPart (`PUT ?partNumber&uploadId`): answers with the part's ETag and checksum. */
export async function uploadPart(call: S3Call): Promise<EdgeResponse> {
  const bucket = call.s3.bucket(call.bucket);
  const upload = findUpload(bucket, call.key, String(call.request.query.get('uploadId')));
  const part = await storePart(
    bucket,
    upload,
    String(call.request.query.get('partNumber')),
    readUploadBody(call.request),
  );
  const algorithm = upload.record.checksumAlgorithm;
  return {
    status: 200,
    headers: writeHeaders({
      etag: part.etag,
      ...(algorithm && part.checksum
        ? { checksum: { algorithm, value: part.checksum, type: 'FULL_OBJECT' } }
        : {}),
    }),
  };
}

/** CompleteMultipartUpload (`POST ?uploadId`). */
export async function completeMultipartUpload(call: S3Call): Promise<EdgeResponse> {
  const bucket = call.s3.bucket(call.bucket);
  const upload = findUpload(bucket, call.key, String(call.request.query.get('uploadId')));
  const document = parseXml(call.request.body).CompleteMultipartUpload;
  const entries = (
    document !== null && typeof document === 'object'
      ? ((document as Record<string, unknown>).Part ?? [])
      : []
  ) as unknown[];
  const algorithm = upload.record.checksumAlgorithm;
  const parts: CompletedPart[] = entries.map((entry) => {
    const partNumber = Number(xmlText(entry, 'PartNumber'));
    const etag = xmlText(entry, 'ETag');
    if (!Number.isInteger(partNumber) || etag === undefined) throw s3Errors.malformedXml();
    const checksum = algorithm ? xmlText(entry, checksumElementName(algorithm)) : undefined;
    return { partNumber, etag, ...(checksum ? { checksum } : {}) };
  });
  const object = await complete(bucket, upload, parts);
  const host = String(call.request.headers.host ?? '');
  return xmlResponse(
    'CompleteMultipartUploadResult',
    {
      Location: `http://${host}/${encodeURIComponent(call.bucket)}/${call.key.split('/').map(encodeURIComponent).join('/')}`,
      Bucket: call.bucket,
      Key: call.key,
      ETag: object.etag,
      ...(object.checksum
        ? {
            [checksumElementName(object.checksum.algorithm)]: object.checksum.value,
            ChecksumType: object.checksum.type,
          }
        : {}),
    },
    { 'x-amz-server-side-encryption': 'AES256' },
  );
}

/** AbortMultipartUpload (`DELETE ?uploadId`): the parts are gone at once. */
export function abortMultipartUpload(call: S3Call): EdgeResponse {
  const bucket = call.s3.bucket(call.bucket);
  const upload = findUpload(bucket, call.key, String(call.request.query.get('uploadId')));
  bucket.uploads.remove(upload.record.uploadId);
  return { status: 204 };
}

/** ListParts (`GET ?uploadId`): `max-parts` and `part-number-marker` paging. */
export function listParts(call: S3Call): EdgeResponse {
  const query = call.request.query;
  const bucket = call.s3.bucket(call.bucket);
  const upload = findUpload(bucket, call.key, String(query.get('uploadId')));
  const marker = Number(query.get('part-number-marker') ?? 0);
  const maxParts = Math.min(Number(query.get('max-parts') ?? 1000), 1000);
  if (!Number.isInteger(marker) || !Number.isInteger(maxParts) || maxParts < 0)
    throw s3Errors.invalidArgument('Invalid paging argument', 'max-parts', String(query.get('max-parts')));
  const all = [...upload.parts.values()]
    .filter((part) => part.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = all.slice(0, maxParts);
  const algorithm = upload.record.checksumAlgorithm;
  return xmlResponse('ListPartsResult', {
    Bucket: call.bucket,
    Key: call.key,
    UploadId: upload.record.uploadId,
    PartNumberMarker: marker,
    ...(page.length > 0 ? { NextPartNumberMarker: page[page.length - 1]?.partNumber } : {}),
    MaxParts: maxParts,
    IsTruncated: all.length > page.length,
    Part: page.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: part.lastModified,
      ETag: part.etag,
      Size: part.size,
      ...(algorithm && part.checksum ? { [checksumElementName(algorithm)]: part.checksum } : {}),
    })),
    StorageClass: 'STANDARD',
    ...(algorithm ? { ChecksumAlgorithm: algorithm, ChecksumType: upload.record.checksumType } : {}),
  });
}

/** ListMultipartUploads (`GET ?uploads`): the uploads in progress under `prefix` (one page). */
export function listMultipartUploads(call: S3Call): EdgeResponse {
  const prefix = call.request.query.get('prefix') ?? '';
  const uploads = call.s3
    .bucket(call.bucket)
    .uploads.list()
    .filter((upload) => upload.record.key.startsWith(prefix))
    .sort((a, b) => (a.record.key < b.record.key ? -1 : a.record.key > b.record.key ? 1 : 0));
  return xmlResponse('ListMultipartUploadsResult', {
    Bucket: call.bucket,
    KeyMarker: '',
    UploadIdMarker: '',
    Prefix: prefix,
    MaxUploads: 1000,
    IsTruncated: false,
    Upload: uploads.map(({ record }) => ({
      Key: record.key,
      UploadId: record.uploadId,
      Initiated: record.initiated,
      StorageClass: 'STANDARD',
      ...(record.checksumAlgorithm
        ? { ChecksumAlgorithm: record.checksumAlgorithm, ChecksumType: record.checksumType }
        : {}),
    })),
  });
}
