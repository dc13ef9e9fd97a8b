import { LATEST, parseFunctionName } from './function-registry.js';

/** An alias as Lambda's GetAlias / ListAliases answer it. */
export interface AliasConfiguration {
  readonly AliasArn: string;
  readonly Name: string;
  /** Always `$LATEST`: functions are not versioned locally. */
  readonly FunctionVersion: string;
  readonly Description: string;
}

/**
 * The aliases of an account's functions (what `AutoPublishAlias` and `AWS::Lambda::Alias`
 * create). Functions are never published locally, so every alias points at `$LATEST`: an
 * invocation through `name:alias` runs the latest code, which is what the alias points at on AWS
 * once a deployment has finished shifting traffic.
 */
export class FunctionAliases {
  readonly #byFunction = new Map<string, Set<string>>();

  /** Creates (or keeps) `alias` of the function `functionName`. */
  put(functionName: string, alias: string): void {
    const names = this.#byFunction.get(functionName) ?? new Set<string>();
    names.add(alias);
    this.#byFunction.set(functionName, names);
  }

  remove(functionName: string, alias: string): void {
    this.#byFunction.get(functionName)?.delete(alias);
  }

  /** Forgets every alias of a deleted function. */
  removeFunction(functionName: string): void {
    this.#byFunction.delete(functionName);
  }

  has(functionName: string, alias: string): boolean {
    return this.#byFunction.get(functionName)?.has(alias) ?? false;
  }

  /** The function's aliases, sorted by name, as Lambda lists them. */
  list(functionName: string, functionArn: string): AliasConfiguration[] {
    return [...(this.#byFunction.get(functionName) ?? [])].sort().map((name) => ({
      AliasArn: `${functionArn}:${name}`,
      Name: name,
      FunctionVersion: LATEST,
      Description: '',
    }));
  }

  /**
   * The name and qualifier to resolve once an alias qualifier (`name:live`, an alias ARN, or
   * `Qualifier=live`) is replaced by the latest code; anything else is returned unchanged for the
   * registry to resolve or refuse.
   */
  unalias(nameOrArn: string, qualifier: string | undefined): { nameOrArn: string; qualifier?: string } {
    const parsed = parseFunctionName(nameOrArn);
    const alias = parsed?.qualifier ?? qualifier;
    if (parsed === undefined || alias === undefined || !this.has(parsed.name, alias)) {
      return qualifier === undefined ? { nameOrArn } : { nameOrArn, qualifier };
    }
    if (parsed.qualifier !== undefined && qualifier !== undefined && parsed.qualifier !== qualifier) {
      // Let the registry answer the mismatch as Lambda does.
      return { nameOrArn, qualifier };
    }
    const unqualified =
      parsed.qualifier === undefined ? nameOrArn : nameOrArn.slice(0, -(parsed.qualifier.length + 1));
    return { nameOrArn: unqualified };
  }
}
