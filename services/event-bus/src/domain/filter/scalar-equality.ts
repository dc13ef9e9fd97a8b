/** A JSON scalar as a pattern may name it. */
export type Scalar = string | number | boolean | null;

/** Whether a value is a JSON scalar. */
export function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Whether a value is a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Equality of a pattern value and an event value. Strict (a pattern written as JSON) is
 * EventBridge's: same type and value, numbers compared as numbers. Loose (a pattern written as a
 * CloudFormation object, whose scalars all arrive as strings) also lets `"5"` match the number 5
 * and `"true"` the boolean true, since the template's author could not have written them otherwise.
 * @example
 * scalarEquals('5', 5, true); // true
 * scalarEquals('5', 5, false); // false
 */
export function scalarEquals(pattern: Scalar, value: unknown, loose: boolean): boolean {
  if (pattern === value) return true;
  if (!loose || typeof pattern !== 'string') return false;
  if (typeof value === 'number') return pattern.trim() !== '' && Number(pattern) === value;
  if (typeof value === 'boolean') return pattern === String(value);
  return false;
}
