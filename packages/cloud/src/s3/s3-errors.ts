import { AwsApiError, CloudError } from '../errors.js';

/**
 * An error the S3 API answers with: `type` is S3's error `Code`, `fields` the extra elements S3
 * puts in the `<Error>` document (`Key`, `BucketName`, `Condition`, ...), in S3's order.
 */
export class S3Error extends AwsApiError {}

/** A bucket resource the local cloud cannot create, update or delete as the template asks. */
export class S3BucketResourceError extends CloudError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

const error = (code: string, status: number, message: string, fields: Record<string, string> = {}): S3Error =>
  new S3Error(code, status, message, fields);

/** S3's errors, with S3's status codes and messages, so SDK code that matches on them behaves as on AWS. */
export const s3Errors = {
  noSuchBucket: (bucket: string) =>
    error('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: bucket }),
  noSuchKey: (key: string) => error('NoSuchKey', 404, 'The specified key does not exist.', { Key: key }),
  noSuchUpload: (uploadId: string) =>
    error(
      'NoSuchUpload',
      404,
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      { UploadId: uploadId },
    ),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    error(
      'BucketAlreadyOwnedByYou',
      409,
      'Your previous request to create the named bucket succeeded and you already own it.',
      { BucketName: bucket },
    ),
  bucketNotEmpty: (bucket: string) =>
    error('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty', { BucketName: bucket }),
  invalidBucketName: (bucket: string) =>
    error('InvalidBucketName', 400, 'The specified bucket is not valid.', { BucketName: bucket }),
  keyTooLong: (size: number) =>
    error('KeyTooLongError', 400, 'Your key is too long', { Size: String(size), MaxSizeAllowed: '1024' }),
  invalidRange: (range: string, size: number) =>
    error('InvalidRange', 416, 'The requested range is not satisfiable', {
      RangeRequested: range,
      ActualObjectSize: String(size),
    }),
  preconditionFailed: (condition: string) =>
    error('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold', {
      Condition: condition,
    }),
  invalidArgument: (message: string, name: string, value: string) =>
    error('InvalidArgument', 400, message, { ArgumentName: name, ArgumentValue: value }),
  invalidRequest: (message: string) => error('InvalidRequest', 400, message),
  malformedXml: () =>
    error(
      'MalformedXML',
      400,
      'The XML you provided was not well-formed or did not validate against our published schema',
    ),
  invalidPart: (uploadId: string, partNumber: number, etag: string) =>
    error(
      'InvalidPart',
      400,
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      { UploadId: uploadId, PartNumber: String(partNumber), ETag: etag },
    ),
  invalidPartOrder: (uploadId: string) =>
    error(
      'InvalidPartOrder',
      400,
      'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
      { UploadId: uploadId },
    ),
  entityTooSmall: (size: number, partNumber: number, etag: string) =>
    error('EntityTooSmall', 400, 'Your proposed upload is smaller than the minimum allowed size', {
      ProposedSize: String(size),
      MinSizeAllowed: '5242880',
      PartNumber: String(partNumber),
      ETag: etag,
    }),
  badDigest: (algorithm: string) =>
    error('BadDigest', 400, `The ${algorithm} you specified did not match the calculated checksum.`),
  badContentMd5: (expected: string, calculated: string) =>
    error('BadDigest', 400, 'The Content-MD5 you specified did not match what we received.', {
      ExpectedDigest: expected,
      CalculatedDigest: calculated,
    }),
  invalidDigest: (value: string) =>
    error('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.', { 'Content-MD5': value }),
  contentSha256Mismatch: (client: string, computed: string) =>
    error(
      'XAmzContentSHA256Mismatch',
      400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      { ClientComputedContentSHA256: client, S3ComputedContentSHA256: computed },
    ),
  incompleteBody: () =>
    error(
      'IncompleteBody',
      400,
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
    ),
  methodNotAllowed: (method: string, resourceType: string) =>
    error('MethodNotAllowed', 405, 'The specified method is not allowed against this resource.', {
      Method: method,
      ResourceType: resourceType,
    }),
  // S3 implements these; the message says plainly that it is the local cloud that does not.
  notImplemented: (what: string) =>
    error('NotImplemented', 501, `The local cloud does not emulate ${what} yet`, { Header: what }),
  entityTooLarge: (size: number, max: number) =>
    error('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(size),
      MaxSizeAllowed: String(max),
    }),
  signatureDoesNotMatch: (fields: Record<string, string>) =>
    error(
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      fields,
    ),
  requestExpired: (expires: string, expiredAt: string, serverTime: string) =>
    error('AccessDenied', 403, 'Request has expired', {
      'X-Amz-Expires': expires,
      Expires: expiredAt,
      ServerTime: serverTime,
    }),
  invalidAccessKeyId: (accessKeyId: string) =>
    error('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    }),
  authorizationQueryParameters: (message: string, fields: Record<string, string> = {}) =>
    error('AuthorizationQueryParametersError', 400, message, fields),
} as const;
