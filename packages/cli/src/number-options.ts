import { CliError } from './cli-error.js';

// Options arrive as text. `Number()` alone would read '' and ' ' as 0, '1e2' as 100 and '0x10' as 16,
// so each kind of number is matched as written before it is converted.
const WHOLE = /^\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * The number a plain decimal (`52.52`, `-3`, `7`) stands for, or NaN for anything else (`1e2`, `''`).
 * @example
 * decimalValue('13.405'); // 13.405
 */
export function decimalValue(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

/**
 * A count or id given as digits only: `-1`, `2.5`, `1e2`, `x` and an empty value are refused with
 * one line naming the option, the value and the range.
 * @example
 * wholeNumberOption('--backlog', '7', 0, 1000); // 7
 */
export function wholeNumberOption(name: string, value: string, min: number, max: number): number {
  const number = WHOLE.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max))
    throw new CliError(`${name} ${value} must be a whole number from ${min} to ${max}`);
  return number;
}

/**
 * A quantity written as a plain decimal (`0.15`, `2.5`, `-3`), within a range.
 * @example
 * decimalOption('--reject-rate', '0.15', 0, 1); // 0.15
 */
export function decimalOption(name: string, value: string, min: number, max: number): number {
  const number = decimalValue(value);
  if (!(number >= min && number <= max))
    throw new CliError(`${name} ${value} must be a number from ${min} to ${max}`);
  return number;
}

/**
 * A TCP port. `allowEphemeral` accepts 0 (listen on any free port), which only a server's own
 * ports can mean; a port to connect to is 1 to 65535.
 * @example
 * portOption('--port', '0', { allowEphemeral: true }); // 0
 */
export function portOption(name: string, value: string, { allowEphemeral = false } = {}): number {
  const port = WHOLE.test(value) ? Number(value) : Number.NaN;
  const min = allowEphemeral ? 0 : 1;
  if (!(port >= min && port <= 65535))
    throw new CliError(
      `${name} ${value} is not a port number (${min} to 65535${allowEphemeral ? ', 0 for any free port' : ''})`,
    );
  return port;
}

/**
 * Undefined when the option was not given; otherwise the value as `check` reads it.
 * @example
 * optionalOption(options.seed, (text) => wholeNumberOption('--seed', text, 0, 100));
 */
export function optionalOption<T>(value: string | undefined, check: (value: string) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}
