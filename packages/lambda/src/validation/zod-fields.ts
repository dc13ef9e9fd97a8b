import type { z } from 'zod';
import { ValidationError } from '../errors/http-error.js';
import type { FieldError } from '../types/error-body.js';

/**
 * Every issue of a zod error as a field error, its path dotted under `prefix`
 * (`body.items.0.sku`). An issue at the root names the prefix itself.
 * @example
 * const result = schema.safeParse(input);
 * if (!result.success) console.log(fieldErrors(result.error, 'body'));
 */
export function fieldErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    message: issue.message,
  }));
}

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} naming each failing field.
 * @example
 * const body = parseOrThrow(z.object({ name: z.string() }), JSON.parse(raw), 'body');
 */
export async function parseOrThrow<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  prefix: string,
): Promise<z.output<TSchema>> {
  const result = await schema.safeParseAsync(input);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrors(result.error, prefix), { cause: result.error });
}
