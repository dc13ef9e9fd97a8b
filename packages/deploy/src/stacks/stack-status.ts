import { type CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { isStackMissing } from '../aws/aws-error.js';

/** The stack as CloudFormation has it, or `undefined` when there is none (or only a deleted one). */
export async function describeStack(cf: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const answer = await cf.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = answer.Stacks?.[0];
    return stack === undefined || stack.StackStatus === 'DELETE_COMPLETE' ? undefined : stack;
  } catch (error) {
    if (isStackMissing(error)) return undefined;
    throw error;
  }
}

/** What a deploy must do with a stack in a given status. */
export type StackCondition = 'absent' | 'review' | 'deployed' | 'rolled-back-create' | 'busy' | 'stuck';

/**
 * Classifies a status: `review` is a stack only a change set ever created (deploy as new),
 * `rolled-back-create` a first create that failed (it holds nothing and must be deleted before
 * CloudFormation accepts a new one), `busy` an operation in progress, `stuck` a failed state that
 * needs a person (e.g. UPDATE_ROLLBACK_FAILED).
 */
export function stackCondition(stack: Stack | undefined): StackCondition {
  const status = stack?.StackStatus;
  if (status === undefined) return 'absent';
  if (status === 'REVIEW_IN_PROGRESS') return 'review';
  if (status === 'ROLLBACK_COMPLETE') return 'rolled-back-create';
  if (status.endsWith('_IN_PROGRESS')) return 'busy';
  if (status.endsWith('_FAILED')) return 'stuck';
  return 'deployed';
}
