/** The outcome of evaluating an authorizer's policy for one method ARN. */
export type PolicyDecision = 'allow' | 'deny' | 'explicitDeny';

/** One statement of the IAM policy a Lambda authorizer returns, normalised. */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly RegExp[];
  readonly resources: readonly RegExp[];
  /** True for `NotResource`: the statement applies where no pattern matches. */
  readonly notResource: boolean;
}

/** The policy document is not one API Gateway can evaluate (it answers 500 AuthorizerConfigurationException). */
export class InvalidPolicyError extends Error {}

/**
 * Reads the `policyDocument` of an authorizer's answer. `Action` and `Resource` may be a string or
 * a list; `*` and `?` are IAM's wildcards.
 */
export function parsePolicy(document: unknown): PolicyStatement[] {
  if (typeof document !== 'object' || document === null) throw new InvalidPolicyError('no policyDocument');
  const raw = (document as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.map((statement: unknown) => {
    if (typeof statement !== 'object' || statement === null)
      throw new InvalidPolicyError('a statement is not an object');
    const s = statement as Record<string, unknown>;
    const effect = String(s.Effect ?? '').toLowerCase();
    if (effect !== 'allow' && effect !== 'deny') throw new InvalidPolicyError(`Effect ${String(s.Effect)}`);
    const resources = s.Resource ?? s.NotResource;
    if (s.Action === undefined || resources === undefined)
      throw new InvalidPolicyError('a statement needs Action and Resource');
    return {
      effect: effect === 'allow' ? 'Allow' : 'Deny',
      actions: list(s.Action).map((action) => wildcard(action, 'i')),
      resources: list(resources).map((resource) => wildcard(resource, '')),
      notResource: s.Resource === undefined,
    };
  });
}

/**
 * Evaluates a policy for `execute-api:Invoke` on `methodArn` as API Gateway does: an explicit Deny
 * wins, else an Allow is needed.
 */
export function evaluatePolicy(statements: readonly PolicyStatement[], methodArn: string): PolicyDecision {
  let allowed = false;
  for (const statement of statements) {
    if (!statement.actions.some((action) => action.test('execute-api:Invoke'))) continue;
    const matches = statement.resources.some((resource) => resource.test(methodArn));
    if (matches === statement.notResource) continue;
    if (statement.effect === 'Deny') return 'explicitDeny';
    allowed = true;
  }
  return allowed ? 'allow' : 'deny';
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** IAM's wildcards: `*` any run of characters, `?` any one. */
function wildcard(pattern: string, flags: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, flags);
}
