import { readFile } from 'node:fs/promises';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DeployError } from '../errors.js';
import type { SiteFile } from './site-files.js';

/**
 * Uploads the dashboard's files to its bucket one by one, in the order given (see `siteFiles`:
 * assets first, `index.html` last), each with its `Content-Type` and `Cache-Control`, saying
 * `uploaded n of N` after each. Objects already in the bucket are left: a page loaded before this
 * deploy still finds the assets it names.
 *
 * @throws DeployError `ARTIFACT_FAILED` naming the file S3 refused; the files after it are not sent
 */
export async function uploadSite(
  s3: S3Client,
  bucket: string,
  files: readonly SiteFile[],
  line: (text: string) => void,
): Promise<void> {
  for (const [index, site] of files.entries()) {
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: site.key,
          Body: await readFile(site.file),
          ContentType: site.contentType,
          CacheControl: site.cacheControl,
        }),
      );
    } catch (error) {
      throw new DeployError(
        'ARTIFACT_FAILED',
        `uploading ${site.key} to s3://${bucket} failed: ${(error as Error).message} (${index} of ${files.length} files uploaded; index.html is uploaded last, so the site still serves the previous build)`,
        { cause: error },
      );
    }
    line(`uploaded ${index + 1} of ${files.length} files: ${site.key}`);
  }
}
