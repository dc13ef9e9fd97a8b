import type { DeploySession } from '../deploy-session.js';
import { DeployError } from '../errors.js';
import type { PreparedStack } from '../stacks/prepare-stacks.js';
import { describeStack } from '../stacks/stack-status.js';
import type { SiteFile } from './site-files.js';
import { uploadSite } from './site-upload.js';

/** Where a deploy put the dashboard. */
export interface PublishedSite {
  readonly bucket: string;
  /** The distribution's address (the stack's `Url` output), when the template declares it. */
  readonly url?: string;
  readonly files: number;
}

/**
 * After the web stack is deployed (or found unchanged: the build may still be new), uploads the
 * dashboard to the bucket its `BucketName` output names.
 *
 * @throws DeployError `CONFIG_INVALID` when the stack has no `BucketName` output; `ARTIFACT_FAILED` from the upload
 */
export async function publishSite(
  session: DeploySession,
  stack: PreparedStack,
  files: readonly SiteFile[],
  line: (text: string) => void,
): Promise<PublishedSite> {
  const deployed = await describeStack(session.clients.cloudFormation, stack.stackName);
  const output = (key: string): string | undefined =>
    deployed?.Outputs?.find((entry) => entry.OutputKey === key)?.OutputValue;
  const bucket = output('BucketName');
  if (bucket === undefined) {
    throw new DeployError(
      'CONFIG_INVALID',
      `${stack.displayName}: ${stack.stackName} has no output BucketName: the web template must output the name of the bucket deploy uploads the dashboard to`,
    );
  }
  line(`uploading ${files.length} files to s3://${bucket}`);
  await uploadSite(session.clients.s3, bucket, files, line);
  const url = output('Url');
  return { bucket, files: files.length, ...(url === undefined ? {} : { url }) };
}
