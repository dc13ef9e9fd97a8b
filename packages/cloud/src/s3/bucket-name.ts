import { generatePhysicalName } from '../stacks/physical-name.js';

const MAX_LENGTH = 63;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const;

/**
 * Why `name` breaks S3's general purpose bucket naming rules, or undefined when it is valid:
 * 3–63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a
 * letter or digit, no `..`, not an IP address, and none of the reserved prefixes and suffixes.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > MAX_LENGTH) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may only contain lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix) return `must not start with the reserved prefix '${prefix}'`;
  const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved));
  if (suffix) return `must not end with the reserved suffix '${suffix}'`;
  return undefined;
}

/**
 * The name CloudFormation gives a bucket without `BucketName`: `<stack>-<logicalid>-<random>`,
 * lower-cased (bucket names cannot hold capitals) and at most 63 characters.
 */
export function generateBucketName(stackName: string, logicalId: string): string {
  const name = generatePhysicalName(
    stackName.toLowerCase(),
    logicalId.toLowerCase(),
    MAX_LENGTH,
  ).toLowerCase();
  // Shortening may leave a hyphen next to another; S3 allows that, but not a leading or trailing one.
  return name.replace(/^-+/, '');
}
