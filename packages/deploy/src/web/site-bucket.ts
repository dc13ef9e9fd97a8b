import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { isNotFound } from '../aws/aws-error.js';
import { DeployError } from '../errors.js';

/**
 * Deletes every object of the dashboard's bucket, so that deleting the web stack can delete the
 * bucket too (CloudFormation refuses to delete a bucket that holds objects). The objects are
 * build output that every deploy uploads again. A bucket already gone counts as empty.
 *
 * @returns how many objects were deleted
 * @throws DeployError `ARTIFACT_FAILED` when S3 refuses to delete an object
 */
export async function emptySiteBucket(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  let token: string | undefined;
  try {
    do {
      // A page holds at most 1,000 keys: exactly what one DeleteObjects takes.
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length > 0) {
        const answer = await s3.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        const refused = answer.Errors?.[0];
        if (refused !== undefined) {
          throw new DeployError(
            'ARTIFACT_FAILED',
            `emptying s3://${bucket} failed: ${refused.Key}: ${refused.Code ?? ''} ${refused.Message ?? ''}`.trim(),
          );
        }
        deleted += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  } catch (error) {
    if (isNotFound(error)) return deleted;
    throw error;
  }
  return deleted;
}
