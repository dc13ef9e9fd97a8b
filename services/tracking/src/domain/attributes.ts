import { PositionValidationError, TRACKING_ERROR } from './errors.js';
import type { AttributeValue } from './position.js';

/** At most this many extra attributes per position: enough for any tracker, too few to abuse. */
export const MAX_ATTRIBUTES = 64;

/** The longest attribute name or text value kept. */
export const MAX_ATTRIBUTE_LENGTH = 256;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Types an extra OsmAnd value as Traccar does: a finite decimal becomes a number, `true` and
 * `false` booleans, anything else stays text.
 * @example
 * attributeFromText('2.5'); // 2.5
 */
export function attributeFromText(text: string): AttributeValue {
  const trimmed = text.trim();
  if (DECIMAL.test(trimmed)) {
    const value = Number(trimmed);
    if (Number.isFinite(value)) return value;
  }
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  return text;
}

/**
 * Checks a position's extra attributes against {@link MAX_ATTRIBUTES} and
 * {@link MAX_ATTRIBUTE_LENGTH}, so a sender cannot fill the time series with junk.
 * @throws PositionValidationError `TOO_MANY_ATTRIBUTES` or `ATTRIBUTE_TOO_LONG`
 */
export function checkAttributes(
  field: string,
  attributes: Readonly<Record<string, AttributeValue>>,
): Readonly<Record<string, AttributeValue>> {
  const entries = Object.entries(attributes);
  if (entries.length > MAX_ATTRIBUTES)
    throw new PositionValidationError(
      TRACKING_ERROR.tooManyAttributes,
      field,
      undefined,
      `has ${entries.length} extra values; at most ${MAX_ATTRIBUTES} are kept`,
    );
  for (const [name, value] of entries) {
    if (
      name.length > MAX_ATTRIBUTE_LENGTH ||
      (typeof value === 'string' && value.length > MAX_ATTRIBUTE_LENGTH)
    )
      throw new PositionValidationError(
        TRACKING_ERROR.attributeTooLong,
        `${field}.${name.slice(0, 40)}`,
        undefined,
        `names and text values are limited to ${MAX_ATTRIBUTE_LENGTH} characters`,
      );
  }
  return attributes;
}
