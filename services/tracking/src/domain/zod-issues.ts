import type { z } from 'zod';
import { PositionValidationError, TRACKING_ERROR, type TrackingErrorCode } from './errors.js';

/**
 * Names a zod issue's location the way a sender writes it: `positions[3].latitude`.
 * @example
 * fieldPath(['positions', 3, 'latitude']); // 'positions[3].latitude'
 */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

/**
 * Turns the first problem zod found into a {@link PositionValidationError} with a stable code,
 * so a body that is the wrong shape gets the same kind of answer as one with a bad value. Parse
 * with `{ reportInput: true }` so the error can quote the value. `prefix` names where the parsed
 * value sits in the request (`positions[3]`).
 */
export function validationErrorFromZod(error: z.ZodError, prefix = ''): PositionValidationError {
  const issue = error.issues[0];
  const at = (path: readonly PropertyKey[]): string => {
    const text = fieldPath(path);
    if (prefix === '') return text || 'body';
    return text === '' ? prefix : `${prefix}${text.startsWith('[') ? '' : '.'}${text}`;
  };
  if (!issue)
    return new PositionValidationError(TRACKING_ERROR.invalidField, at([]), undefined, 'is not valid');
  const field = at(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return new PositionValidationError(
      TRACKING_ERROR.unknownField,
      at([...issue.path, issue.keys[0] ?? '']),
      undefined,
      'is not a known field',
    );
  }
  if (issue.code === 'invalid_union') {
    if (issue.input === undefined) return missing(field, issue.path);
    // Each branch of a union of primitives reports what it expected: list them.
    const expected = issue.errors.flatMap((branch) =>
      branch.flatMap((inner) => ('expected' in inner ? [inner.expected] : [])),
    );
    return new PositionValidationError(
      TRACKING_ERROR.invalidField,
      field,
      issue.input,
      expected.length > 0 ? `must be ${expected.map(article).join(' or ')}` : issue.message,
    );
  }
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return missing(field, issue.path);
    return new PositionValidationError(
      codeForExpected(issue.expected),
      field,
      issue.input,
      `must be ${article(issue.expected)}`,
    );
  }
  return new PositionValidationError(TRACKING_ERROR.invalidField, field, issue.input, issue.message);
}

function missing(field: string, path: readonly PropertyKey[]): PositionValidationError {
  const last = path.at(-1);
  const code =
    last === 'device_id' || last === 'deviceId'
      ? TRACKING_ERROR.missingDeviceId
      : TRACKING_ERROR.missingField;
  return new PositionValidationError(code, field, undefined, 'is required');
}

function codeForExpected(expected: string): TrackingErrorCode {
  if (expected === 'number') return TRACKING_ERROR.notANumber;
  if (expected === 'boolean') return TRACKING_ERROR.notABoolean;
  return TRACKING_ERROR.invalidField;
}

function article(expected: string): string {
  if (expected === 'number') return 'a finite number';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
