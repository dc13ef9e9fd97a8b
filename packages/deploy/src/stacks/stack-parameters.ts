import type { TemplateDocument } from '@motorcade/template';

/** `DatabaseUrl` → `DATABASE_URL`: the environment variable a NoEcho parameter is read from. */
export function parameterVariable(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

/** The values a stack's declared parameters get, and those still without one. */
export interface StackParameterValues {
  /** Values to pass, by parameter name. */
  readonly values: Readonly<Record<string, string>>;
  /** NoEcho parameters read from environment variables (names only: never print the values). */
  readonly fromEnvironment: readonly string[];
  /** Declared parameters with no value and no Default: the stack's previous value, or an error. */
  readonly missing: readonly string[];
  /** Names of NoEcho parameters, masked in every output. */
  readonly noEcho: ReadonlySet<string>;
}

/**
 * The parameters a stack receives on AWS: what the project config gives (the same `${env}`
 * substitution as the local cloud), then, for `NoEcho` parameters only (database URLs, secrets),
 * the environment variable of the UPPER_SNAKE name — so secrets live in the CI's per-environment
 * context, never in the repository. Declared parameters with a Default need nothing.
 */
export function stackParameterValues(
  doc: TemplateDocument,
  configured: Readonly<Record<string, string>>,
  variables: Readonly<Record<string, string | undefined>>,
): StackParameterValues {
  const values: Record<string, string> = {};
  const fromEnvironment: string[] = [];
  const missing: string[] = [];
  const noEcho = new Set<string>();
  for (const [name, definition] of Object.entries(doc.Parameters ?? {})) {
    const secret = definition.NoEcho === true || definition.NoEcho === 'true';
    if (secret) noEcho.add(name);
    const given = configured[name];
    if (given !== undefined) {
      values[name] = given;
      continue;
    }
    const variable = secret ? variables[parameterVariable(name)] : undefined;
    if (variable !== undefined && variable !== '') {
      values[name] = variable;
      fromEnvironment.push(name);
      continue;
    }
    if (definition.Default === undefined) missing.push(name);
  }
  return { values, fromEnvironment, missing, noEcho };
}
