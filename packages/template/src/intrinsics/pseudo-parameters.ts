import type { PseudoParameters } from './context.js';
import { NO_VALUE } from './no-value.js';

/** Names of every pseudo parameter CloudFormation defines. */
export const PSEUDO_PARAMETER_NAMES: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/**
 * The value of a pseudo parameter, or `undefined` when `name` is not one. `AWS::NoValue` is the
 * {@link NO_VALUE} marker; `AWS::NotificationARNs` is empty because local stacks publish nowhere.
 */
export function pseudoParameterValue(
  name: string,
  pseudo: PseudoParameters,
): string | string[] | typeof NO_VALUE | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::Partition':
      return pseudo.partition;
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::StackId':
      return pseudo.stackId;
    case 'AWS::StackName':
      return pseudo.stackName;
    case 'AWS::URLSuffix':
      return pseudo.urlSuffix;
    default:
      return undefined;
  }
}
