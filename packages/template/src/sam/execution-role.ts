import { isTemplateObject } from '../template-shape.js';
import type { TemplateObject, TemplateValue } from '../types.js';
import { awsManagedPolicyArn, type FunctionBuild, type InlinePolicy } from './function-build.js';

/** AWS managed policies that live under `service-role/`, so a bare name must map to that path. */
const SERVICE_ROLE_POLICIES = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaMSKExecutionRole',
  'AWSLambdaRole',
]);

const LAMBDA_ASSUME_ROLE: TemplateObject = {
  Version: '2012-10-17',
  Statement: [
    { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
  ],
};

/** A SAM policy template kept as written, e.g. `{ SQSSendMessagePolicy: { QueueName: ... } }`. */
// A type alias so it stays assignable to TemplateObject (see InlinePolicy).
export type PolicyTemplateUse = {
  PolicyName: string;
  Template: string;
  Parameters: TemplateValue;
};

/**
 * Adds the `<FunctionId>Role` SAM creates when a function names no `Role`, and returns the function's
 * `Role` value (`Fn::GetAtt <FunctionId>Role.Arn`). The role trusts Lambda, has
 * `AWSLambdaBasicExecutionRole` plus what the function's configuration and `Policies` ask for:
 * managed policy names and ARNs become `ManagedPolicyArns`, policy documents become `Policies`
 * named `<FunctionId>RolePolicy<N>`, and SAM policy templates are kept as written in
 * `SamPolicyTemplates`, because expanding them needs SAM's template catalogue.
 */
export function addExecutionRole(
  sam: TemplateObject,
  tags: TemplateValue[],
  build: FunctionBuild,
): TemplateValue {
  const roleId = `${build.functionId}Role`;
  const managed: TemplateValue[] = [awsManagedPolicyArn('service-role/AWSLambdaBasicExecutionRole')];
  const inline: InlinePolicy[] = [];
  const templates: PolicyTemplateUse[] = [];
  policyList(sam.Policies).forEach((policy, index) => {
    const name = `${roleId}Policy${index}`;
    const path = `Properties.Policies[${index}]`;
    if (typeof policy === 'string') {
      managed.push(policyArn(policy));
    } else if (!isTemplateObject(policy)) {
      build.fail(
        'INVALID_PROPERTY',
        'a policy must be a name, an ARN, a policy document or a policy template',
        path,
      );
    } else if (isIntrinsic(policy)) {
      managed.push(policy);
    } else if (policy.Statement !== undefined) {
      inline.push({ PolicyName: name, PolicyDocument: policy });
    } else if (Object.keys(policy).length === 1) {
      const [template] = Object.keys(policy) as [string];
      templates.push({ PolicyName: name, Template: template, Parameters: policy[template] ?? {} });
    } else {
      build.fail('INVALID_PROPERTY', 'a policy document needs a Statement', path);
    }
  });
  const properties: TemplateObject = {
    AssumeRolePolicyDocument: sam.AssumeRolePolicyDocument ?? LAMBDA_ASSUME_ROLE,
    ManagedPolicyArns: dedupe([...managed, ...build.managedPolicyArns]),
  };
  const policies = [...inline, ...build.inlinePolicies];
  if (policies.length > 0) properties.Policies = policies;
  if (templates.length > 0) properties.SamPolicyTemplates = templates;
  if (sam.PermissionsBoundary !== undefined) properties.PermissionsBoundary = sam.PermissionsBoundary;
  if (sam.RolePath !== undefined) properties.Path = sam.RolePath;
  properties.Tags = tags;
  build.addResource(roleId, 'AWS::IAM::Role', properties);
  return { 'Fn::GetAtt': [roleId, 'Arn'] };
}

function policyList(value: TemplateValue | undefined): TemplateValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function policyArn(nameOrArn: string): TemplateValue {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return awsManagedPolicyArn(SERVICE_ROLE_POLICIES.has(nameOrArn) ? `service-role/${nameOrArn}` : nameOrArn);
}

function isIntrinsic(value: TemplateObject): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0]?.startsWith('Fn::') ?? false));
}

function dedupe(values: TemplateValue[]): TemplateValue[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
