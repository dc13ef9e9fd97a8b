import { ConfigurationError } from '../errors/lambda-library-error.js';

/**
 * Merges a middleware's options over its defaults and refuses keys it does not know, so a typo
 * (`timeoutMarginMS`) fails at cold start instead of silently doing nothing — Middy's habit.
 * @example
 * const options = mergeOptions('memoryWatch', { warnPercent: 80 }, userOptions);
 */
export function mergeOptions<TOptions extends object>(
  middleware: string,
  defaults: TOptions,
  options: Partial<TOptions> = {},
): TOptions {
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(defaults, key));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `${middleware}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${Object.keys(defaults).join(', ')})`,
    );
  }
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...defaults, ...defined };
}
