import { InvalidParameterValueError, ResourceConflictError, ResourceNotFoundError } from './lambda-errors.js';
import { lineageHash } from './recursion-guard.js';
import type { FunctionConfig } from './types.js';

/** The only version that runs locally: functions are never published. */
export const LATEST = '$LATEST';

/** One registered function and what the service derives from it once, not per invocation. */
export interface RegisteredFunction {
  readonly config: FunctionConfig;
  /** Identifies the function in the recursion lineage of the trace header. */
  readonly lineageHash: string;
}

/** A function name as the Invoke API accepts it, split into its parts. */
export interface ParsedFunctionName {
  readonly name: string;
  readonly qualifier?: string;
  readonly accountId?: string;
  readonly region?: string;
}

// arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]
const FULL_ARN =
  /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$-]+))?$/;
// <account>:function:<name>[:<qualifier>]
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$-]+))?$/;
// <name>[:<qualifier>]
const PLAIN_NAME = /^([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$-]+))?$/;

/**
 * Splits a FunctionName in any of the forms Lambda accepts: `name`, `name:qualifier`,
 * `123456789012:function:name[:qualifier]` or `arn:aws:lambda:region:account:function:name[:qualifier]`.
 * Returns undefined for anything else.
 */
export function parseFunctionName(value: string): ParsedFunctionName | undefined {
  // Plain names are the common case; try them first without the ARN regexes.
  let match = PLAIN_NAME.exec(value);
  if (match) return { name: match[1]!, qualifier: match[2] };
  match = FULL_ARN.exec(value);
  if (match) return { region: match[1], accountId: match[2], name: match[3]!, qualifier: match[4] };
  match = PARTIAL_ARN.exec(value);
  if (match) return { accountId: match[1], name: match[2]!, qualifier: match[3] };
  return undefined;
}

/** The account id named in a full or partial function ARN, if there is one. */
export function accountIdOfFunctionName(value: string): string | undefined {
  return value.includes(':function:') ? parseFunctionName(value)?.accountId : undefined;
}

/**
 * The functions of one account and region, resolved the way Lambda resolves a FunctionName:
 * by name, partial ARN or full ARN, with a qualifier in the name or beside it.
 */
export class FunctionRegistry {
  readonly #functions = new Map<string, RegisteredFunction>();
  readonly #accountId: string;
  readonly #region: string;

  constructor(accountId: string, region: string) {
    this.#accountId = accountId;
    this.#region = region;
  }

  /** Registers a new function; ResourceConflictException if the name is taken. */
  add(config: FunctionConfig): RegisteredFunction {
    if (this.#functions.has(config.name)) throw new ResourceConflictError(config.name);
    return this.#put(config);
  }

  /** Replaces a function's configuration; ResourceNotFoundException if it does not exist. */
  replace(config: FunctionConfig): RegisteredFunction {
    if (!this.#functions.has(config.name)) throw new ResourceNotFoundError(this.arnOf(config.name));
    return this.#put(config);
  }

  /** Removes a function and returns what was registered. */
  remove(nameOrArn: string): RegisteredFunction {
    const entry = this.resolve(nameOrArn);
    this.#functions.delete(entry.config.name);
    return entry;
  }

  /** The function, or undefined when it does not exist (never throws). */
  find(nameOrArn: string): RegisteredFunction | undefined {
    const parsed = parseFunctionName(nameOrArn);
    if (!parsed || !this.#isOurs(parsed)) return undefined;
    return this.#functions.get(parsed.name);
  }

  /**
   * Resolves a FunctionName (and the separate Qualifier parameter) to a function, throwing AWS's
   * errors: ResourceNotFoundException with the ARN Lambda would print, InvalidParameterValueException
   * when the two qualifiers disagree.
   */
  resolve(nameOrArn: string, qualifier?: string): RegisteredFunction {
    const parsed = parseFunctionName(nameOrArn);
    if (!parsed) {
      throw new InvalidParameterValueError(
        `1 validation error detected: Value '${nameOrArn}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
      );
    }
    if (parsed.qualifier !== undefined && qualifier !== undefined && parsed.qualifier !== qualifier) {
      throw new InvalidParameterValueError(
        'The derived qualifier from the function name does not match the specified qualifier.',
      );
    }
    const effectiveQualifier = parsed.qualifier ?? qualifier;
    const entry = this.#isOurs(parsed) ? this.#functions.get(parsed.name) : undefined;
    if (!entry || (effectiveQualifier !== undefined && effectiveQualifier !== LATEST)) {
      const arn = `arn:aws:lambda:${parsed.region ?? this.#region}:${parsed.accountId ?? this.#accountId}:function:${parsed.name}`;
      throw new ResourceNotFoundError(
        effectiveQualifier === undefined ? arn : `${arn}:${effectiveQualifier}`,
      );
    }
    return entry;
  }

  list(): RegisteredFunction[] {
    return [...this.#functions.values()];
  }

  get size(): number {
    return this.#functions.size;
  }

  arnOf(name: string): string {
    return `arn:aws:lambda:${this.#region}:${this.#accountId}:function:${name}`;
  }

  #put(config: FunctionConfig): RegisteredFunction {
    const entry: RegisteredFunction = { config, lineageHash: lineageHash(config.arn) };
    this.#functions.set(config.name, entry);
    return entry;
  }

  #isOurs(parsed: ParsedFunctionName): boolean {
    return (
      (parsed.accountId === undefined || parsed.accountId === this.#accountId) &&
      (parsed.region === undefined || parsed.region === this.#region)
    );
  }
}
