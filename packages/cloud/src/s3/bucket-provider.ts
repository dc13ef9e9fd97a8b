import type {
  ExistingResourceRequest,
  ResourceProvider,
  ResourceRequest,
  ResourceState,
  UpdateResourceRequest,
} from '../stacks/resource-provider.js';
import { bucketNameProblem, generateBucketName } from './bucket-name.js';
import { S3BucketResourceError } from './s3-errors.js';
import type { S3Service } from './s3-service.js';

/** Configuration accepted and recorded with the bucket, not enforced (see docs/local-cloud.md). */
const RECORDED = [
  'BucketEncryption',
  'CorsConfiguration',
  'LifecycleConfiguration',
  'OwnershipControls',
  'PublicAccessBlockConfiguration',
  'Tags',
  'VersioningConfiguration',
] as const;

/** Regions whose website endpoint is `s3-website-<region>` rather than `s3-website.<region>`. */
const DASHED_WEBSITE_REGIONS = new Set([
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-west-1',
  'sa-east-1',
  'us-gov-west-1',
]);

/**
 * `AWS::S3::Bucket`: a bucket of the environment's S3. `Ref` is the bucket name (generated as
 * CloudFormation does when `BucketName` is absent); `Fn::GetAtt` gives Arn, DomainName,
 * DualStackDomainName, RegionalDomainName and WebsiteURL with AWS's values. Deleting a bucket that
 * still holds objects fails, as CloudFormation's delete does.
 */
export function bucketProvider(s3: S3Service): ResourceProvider {
  const region = s3.context.region;
  const state = (name: string): ResourceState => ({
    physicalId: name,
    attributes: {
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website${DASHED_WEBSITE_REGIONS.has(region) ? '-' : '.'}${region}.amazonaws.com`,
    },
  });

  const create = async (request: ResourceRequest): Promise<ResourceState> => {
    refuseUnemulated(request);
    const name = bucketName(request);
    if (s3.store.get(name)) fail(request, 'BucketName', `${name} already exists`, 'BUCKET_EXISTS');
    s3.store.create(name, recorded(request));
    return state(name);
  };

  return {
    properties: new Set(['BucketName', 'NotificationConfiguration', ...RECORDED]),
    create,
    async update(request: UpdateResourceRequest): Promise<ResourceState> {
      if (request.properties.BucketName !== request.oldProperties.BucketName) {
        // A new name is a replacement: the engine deletes the old bucket once the new one exists.
        return create(request);
      }
      refuseUnemulated(request);
      if (!s3.store.configure(request.physicalId, recorded(request)))
        s3.store.create(request.physicalId, recorded(request));
      return state(request.physicalId);
    },
    async delete(request: ExistingResourceRequest): Promise<void> {
      const bucket = s3.store.get(request.physicalId);
      if (!bucket) return;
      if (bucket.objects.count > 0) {
        throw new S3BucketResourceError(
          'BUCKET_NOT_EMPTY',
          `${request.stack.templateFile}: resource ${request.logicalId}: bucket ${request.physicalId}: The bucket you tried to delete is not empty (Service: S3, Status Code: 409); empty it first`,
        );
      }
      s3.store.delete(request.physicalId);
    },
    async restore(request: ExistingResourceRequest, recordedState: ResourceState): Promise<ResourceState> {
      // The bucket lives on disk; if its folder was removed by hand, bring back an empty one.
      if (!s3.store.get(request.physicalId)) s3.store.create(request.physicalId, recorded(request));
      return recordedState;
    },
  };
}

function bucketName(request: ResourceRequest): string {
  const given = request.properties.BucketName;
  if (given === undefined) return generateBucketName(request.stack.stackName, request.logicalId);
  if (typeof given !== 'string') return fail(request, 'BucketName', 'must be a string');
  const problem = bucketNameProblem(given);
  if (problem) fail(request, 'BucketName', `'${given}' is not a valid bucket name: it ${problem}`);
  return given;
}

function refuseUnemulated(request: ResourceRequest): void {
  if (request.properties.NotificationConfiguration !== undefined) {
    fail(
      request,
      'NotificationConfiguration',
      'S3 event notifications are not emulated by the local cloud yet; remove the property or deliver the events from your code',
    );
  }
}

function recorded(request: ResourceRequest): Record<string, unknown> {
  return Object.fromEntries(
    RECORDED.filter((name) => name in request.properties).map((name) => [name, request.properties[name]]),
  );
}

function fail(
  request: ResourceRequest,
  property: string,
  message: string,
  code = 'BUCKET_CONFIG_INVALID',
): never {
  throw new S3BucketResourceError(
    code,
    `${request.stack.templateFile}: resource ${request.logicalId}, property ${property}: ${message}`,
  );
}
