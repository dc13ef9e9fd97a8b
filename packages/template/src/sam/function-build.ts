import { TemplateError, type TemplateErrorCode } from '../template-error.js';
import type { ResourceDefinition, TemplateObject, TemplateValue } from '../types.js';

/** An inline policy of the execution role SAM generates. */
// A type alias, not an interface: only aliases are assignable to the index signature of TemplateObject.
export type InlinePolicy = {
  PolicyName: string;
  PolicyDocument: TemplateValue;
};

/** The ARN of an AWS managed policy, in the stack's partition. */
export function awsManagedPolicyArn(path: string): TemplateValue {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${path}` };
}

/**
 * What translating one `AWS::Serverless::Function` produces besides the function itself: the
 * resources SAM generates next to it and the permissions its generated role needs. Event source and
 * destination translators write here.
 */
export class FunctionBuild {
  /** Generated resources by logical id, in creation-friendly order. */
  readonly resources = new Map<string, ResourceDefinition>();
  /** Managed policy ARNs for the generated execution role. */
  readonly managedPolicyArns: TemplateValue[] = [];
  /** Inline policies for the generated execution role. */
  readonly inlinePolicies: InlinePolicy[] = [];

  constructor(
    readonly file: string,
    readonly functionId: string,
    /** The function's `Condition`, which SAM carries over to everything it generates for it. */
    readonly condition: string | undefined,
    private readonly takenIds: ReadonlySet<string>,
  ) {}

  /** `{ Ref: <function> }`: the function name, as event sources and permissions want it. */
  get functionRef(): TemplateObject {
    return { Ref: this.functionId };
  }

  /** `{ Fn::GetAtt: [<function>, Arn] }`. */
  get functionArn(): TemplateObject {
    return { 'Fn::GetAtt': [this.functionId, 'Arn'] };
  }

  /** Adds a generated resource under the logical id SAM gives it. */
  addResource(id: string, type: string, properties: TemplateObject): void {
    if (this.takenIds.has(id) || this.resources.has(id)) {
      this.fail('TEMPLATE_SHAPE', `SAM generates a resource named ${id}, but the template already has one`);
    }
    const resource: ResourceDefinition = { Type: type, Properties: properties };
    if (this.condition !== undefined) resource.Condition = this.condition;
    this.resources.set(id, resource);
  }

  /** Adds a managed policy to the generated role, once. */
  addManagedPolicy(arn: TemplateValue): void {
    const key = JSON.stringify(arn);
    if (!this.managedPolicyArns.some((existing) => JSON.stringify(existing) === key))
      this.managedPolicyArns.push(arn);
  }

  /** Adds an inline policy with a single statement to the generated role. */
  addStatementPolicy(name: string, action: string, resource: TemplateValue): void {
    this.inlinePolicies.push({
      PolicyName: name,
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: action, Resource: resource, Effect: 'Allow' }],
      },
    });
  }

  /** Throws a {@link TemplateError} about this function. */
  fail(code: TemplateErrorCode, detail: string, property?: string): never {
    throw new TemplateError(detail, { code, file: this.file, resource: this.functionId, property });
  }
}
