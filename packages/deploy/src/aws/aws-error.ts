/** The name and message of an error an AWS SDK v3 client threw, or `undefined` for anything else. */
export function awsError(error: unknown): { name: string; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  return { name: error.name, message: error.message };
}

/**
 * CloudFormation answers "no such stack" with a generic ValidationError whose message says
 * `Stack with id X does not exist`; the message is the only way to tell it apart.
 */
export function isStackMissing(error: unknown): boolean {
  const found = awsError(error);
  return found?.name === 'ValidationError' && /does not exist/.test(found.message);
}

/** ListImports answers `Export 'X' is not imported by any stack.` as a ValidationError. */
export function isExportNotImported(error: unknown): boolean {
  const found = awsError(error);
  return found?.name === 'ValidationError' && /is not imported by any stack/.test(found.message);
}

/** S3 HeadObject/HeadBucket on a missing key or bucket: a bare 404 the SDK names NotFound. */
export function isNotFound(error: unknown): boolean {
  const found = awsError(error);
  if (found === undefined) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    found.name === 'NotFound' || found.name === 'NoSuchKey' || found.name === 'NoSuchBucket' || status === 404
  );
}
