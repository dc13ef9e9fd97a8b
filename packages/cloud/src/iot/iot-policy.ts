/** The IoT actions the broker checks. */
export type IotAction = 'iot:Connect' | 'iot:Publish' | 'iot:Subscribe' | 'iot:Receive';

interface Statement {
  readonly allow: boolean;
  readonly actions: readonly RegExp[];
  /** Resource patterns with policy variables still in them. */
  readonly resources: readonly string[];
}

/** What policy variables stand for on one connection. */
export interface PolicyVariables {
  readonly clientId: string;
}

/**
 * The AWS IoT Core policies an authorizer returned for one connection, evaluated as IoT does: an
 * explicit Deny wins, otherwise an Allow is needed. `*` and `?` are wildcards in actions and
 * resources (MQTT's `+` and `#` are plain characters there), and `${iot:ClientId}` is replaced by the
 * connection's client id. Statements with a Condition, NotAction or NotResource are not evaluated
 * (they never match), since the local cloud has no request context for them.
 */
export class IotPolicy {
  readonly #statements: readonly Statement[] | 'all';

  private constructor(statements: readonly Statement[] | 'all') {
    this.#statements = statements;
  }

  /** Everything allowed: what a connection gets when no authorizer is configured. */
  static allowAll(): IotPolicy {
    return new IotPolicy('all');
  }

  /**
   * The policy of an authorizer's `policyDocuments` (objects, or JSON strings of them).
   * @throws Error saying which document is malformed
   */
  static fromDocuments(documents: readonly unknown[]): IotPolicy {
    const statements: Statement[] = [];
    documents.forEach((raw, index) => {
      const document = typeof raw === 'string' ? parseJson(raw, index) : raw;
      const list = (document as { Statement?: unknown } | null)?.Statement;
      const items = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : undefined;
      if (!items) throw new Error(`policyDocuments[${index}] has no Statement`);
      for (const item of items as Record<string, unknown>[]) {
        if (item.Condition !== undefined || item.NotAction !== undefined || item.NotResource !== undefined)
          continue;
        if (item.Effect !== 'Allow' && item.Effect !== 'Deny') {
          throw new Error(`policyDocuments[${index}]: a statement's Effect must be Allow or Deny`);
        }
        statements.push({
          allow: item.Effect === 'Allow',
          actions: strings(item.Action).map((action) => wildcard(action, 'i')),
          resources: strings(item.Resource),
        });
      }
    });
    return new IotPolicy(statements);
  }

  allows(action: IotAction, resource: string, variables: PolicyVariables): boolean {
    if (this.#statements === 'all') return true;
    const matching = this.#statements.filter(
      (statement) =>
        statement.actions.some((pattern) => pattern.test(action)) &&
        statement.resources.some((pattern) => wildcard(substitute(pattern, variables), '').test(resource)),
    );
    return matching.length > 0 && matching.every((statement) => statement.allow);
  }
}

function parseJson(text: string, index: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`policyDocuments[${index}] is not valid JSON`);
  }
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function substitute(pattern: string, variables: PolicyVariables): string {
  return pattern.replaceAll('${iot:ClientId}', variables.clientId);
}

/** An IAM pattern (`*` any run of characters, `?` one character) as a whole-string regular expression. */
function wildcard(pattern: string, flags: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, flags);
}
