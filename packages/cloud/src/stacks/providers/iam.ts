import { generatePhysicalName } from '../physical-name.js';
import type { ResourceProvider } from '../resource-provider.js';
import { recordedResource } from './recorded-resource.js';

/**
 * IAM is recorded, not enforced: every function may call every local API. The resources still
 * get CloudFormation's names and ARNs so that `!GetAtt Role.Arn` and `!Ref Policy` resolve.
 */
export function iamProviders(accountId: string): Record<string, ResourceProvider> {
  const named = (value: unknown, stackName: string, logicalId: string): string =>
    typeof value === 'string' && value !== '' ? value : generatePhysicalName(stackName, logicalId);
  return {
    'AWS::IAM::Role': recordedResource({
      properties: [
        'AssumeRolePolicyDocument',
        'Description',
        'ManagedPolicyArns',
        'MaxSessionDuration',
        'Path',
        'PermissionsBoundary',
        'Policies',
        'RoleName',
        'Tags',
      ],
      requiredProperties: ['AssumeRolePolicyDocument'],
      physicalId: (r) => named(r.properties.RoleName, r.stack.stackName, r.logicalId),
      attributes: (r, name) => ({
        Arn: `arn:aws:iam::${accountId}:role${String(r.properties.Path ?? '/')}${name}`,
        RoleId: `AROA${name
          .replace(/[^A-Z0-9]/gi, '')
          .toUpperCase()
          .slice(0, 17)
          .padEnd(17, 'X')}`,
      }),
    }),
    'AWS::IAM::ManagedPolicy': recordedResource({
      properties: ['Description', 'Groups', 'ManagedPolicyName', 'Path', 'PolicyDocument', 'Roles', 'Users'],
      requiredProperties: ['PolicyDocument'],
      physicalId: (r) =>
        `arn:aws:iam::${accountId}:policy${String(r.properties.Path ?? '/')}${named(r.properties.ManagedPolicyName, r.stack.stackName, r.logicalId)}`,
    }),
    'AWS::IAM::Policy': recordedResource({
      properties: ['Groups', 'PolicyDocument', 'PolicyName', 'Roles', 'Users'],
      requiredProperties: ['PolicyDocument', 'PolicyName'],
      physicalId: (r) => named(r.properties.PolicyName, r.stack.stackName, r.logicalId),
    }),
    'AWS::Lambda::Permission': recordedResource({
      properties: [
        'Action',
        'EventSourceToken',
        'FunctionName',
        'Principal',
        'SourceAccount',
        'SourceArn',
        'PrincipalOrgID',
        'FunctionUrlAuthType',
      ],
      requiredProperties: ['Action', 'FunctionName', 'Principal'],
      physicalId: (r) => generatePhysicalName(r.stack.stackName, r.logicalId),
    }),
    'AWS::CloudFormation::WaitConditionHandle': recordedResource({
      properties: [],
      physicalId: (r) => `local://wait-condition/${r.stack.stackName}/${r.logicalId}`,
    }),
  };
}
