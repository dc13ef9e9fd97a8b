import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A name as CloudFormation generates it for a resource without an explicit name:
 * `<stack>-<LogicalId>-<12 random characters>`, with the stack and logical id parts shortened
 * so that the whole fits `maxLength` (64 for functions and roles).
 */
export function generatePhysicalName(stackName: string, logicalId: string, maxLength = 64): string {
  const bytes = randomBytes(12);
  const suffix = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
  const room = maxLength - suffix.length - 2;
  let stack = stackName;
  let logical = logicalId;
  if (stack.length + logical.length > room) {
    const half = Math.floor(room / 2);
    stack = stack.slice(0, Math.max(half, room - logical.length));
    logical = logical.slice(0, room - stack.length);
  }
  return `${stack}-${logical}-${suffix}`;
}
