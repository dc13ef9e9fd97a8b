import type { ResourceRequest } from '../stacks/resource-provider.js';
import { InvalidExpressionError, ScheduleError, ScheduleErrorCode } from './schedule-errors.js';
import {
  type ExpressionDialect,
  parseScheduleExpression,
  type ScheduleExpression,
} from './schedule-expression.js';

/** Throws a {@link ScheduleError} naming the template file, the resource and the property. */
export type Fail = (property: string, message: string, code?: ScheduleErrorCode) => never;

/** A {@link Fail} for one resource of a deploy. */
export function failFor(request: ResourceRequest): Fail {
  return (property, message, code = ScheduleErrorCode.PROPERTY_INVALID) => {
    throw new ScheduleError(
      code,
      `${request.stack.templateFile}: resource ${request.logicalId}, property ${property}: ${message}`,
    );
  };
}

/** A mapping property (e.g. a target), or a clear error. */
export function mapping(value: unknown, property: string, fail: Fail): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return value as Record<string, unknown>;
  return fail(property, 'must be a mapping');
}

/** An optional string property, or a clear error when it is something else. */
export function optionalString(value: unknown, property: string, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return fail(property, `must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** One of `allowed`, or the default when absent. */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  property: string,
  fail: Fail,
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(property, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}

/**
 * Refuses keys of a nested mapping that the service does not know (`known`) or that the local cloud
 * does not emulate (`notEmulated`), naming the key.
 */
export function checkKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  notEmulated: readonly string[],
  path: string,
  fail: Fail,
): void {
  for (const key of Object.keys(value)) {
    if (notEmulated.includes(key)) {
      fail(`${path}.${key}`, `${key} is not emulated by the local cloud yet`, ScheduleErrorCode.NOT_EMULATED);
    }
    if (!known.includes(key)) fail(`${path}.${key}`, `unknown property ${key}`);
  }
}

/** An optional whole number within bounds. */
export function optionalInteger(
  value: unknown,
  min: number,
  max: number,
  property: string,
  fail: Fail,
): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    return fail(property, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** Parses a ScheduleExpression property with the service's own words for a bad one. */
export function expressionOf(
  value: unknown,
  dialect: ExpressionDialect,
  property: string,
  fail: Fail,
): ScheduleExpression {
  const text = optionalString(value, property, fail);
  if (text === undefined) return fail(property, 'a schedule needs a ScheduleExpression');
  try {
    return parseScheduleExpression(text, dialect);
  } catch (error) {
    if (!(error instanceof InvalidExpressionError)) throw error;
    const service =
      dialect === 'events' ? 'Parameter ScheduleExpression is not valid' : 'Invalid Schedule Expression';
    return fail(property, `${service}: ${text} (${error.message})`, ScheduleErrorCode.EXPRESSION_INVALID);
  }
}

/** A target's Input must be valid JSON text (EventBridge and Scheduler Lambda targets require it). */
export function jsonInput(value: unknown, property: string, fail: Fail): string | undefined {
  const input = optionalString(value, property, fail);
  if (input === undefined) return undefined;
  try {
    JSON.parse(input);
  } catch {
    fail(property, `Input must be valid JSON text, got ${JSON.stringify(input.slice(0, 80))}`);
  }
  return input;
}
