import {
  type Capability,
  type Change,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { DeployError } from '../errors.js';
import type { Sleep } from './stack-watch.js';

/**
 * IAM for the roles SAM generates, AUTO_EXPAND for the SAM transform itself (CloudFormation runs
 * it, as `sam deploy` lets it).
 */
export const CAPABILITIES: Capability[] = [
  'CAPABILITY_IAM',
  'CAPABILITY_NAMED_IAM',
  'CAPABILITY_AUTO_EXPAND',
];

/** What CloudFormation would change, or that it would change nothing. */
export interface ChangeSetResult {
  /** The change set's ARN; `undefined` when it was empty and has been deleted. */
  readonly id: string | undefined;
  readonly changes: readonly Change[];
}

/** Inputs of {@link createChangeSet}. */
export interface ChangeSetRequest {
  readonly stackName: string;
  readonly templateUrl: string;
  readonly parameters: readonly Parameter[];
  readonly type: 'CREATE' | 'UPDATE';
  readonly tags?: ReadonlyArray<{ Key: string; Value: string }>;
}

/**
 * A failed change set whose reason is "nothing to change". CloudFormation words it two ways
 * ("The submitted information didn't contain changes…" and "No updates are to be performed.").
 */
function isEmpty(reason: string | undefined): boolean {
  return reason !== undefined && /didn't contain changes|No updates are to be performed/i.test(reason);
}

/**
 * Creates a change set and waits until CloudFormation has computed it. An empty one is deleted
 * and reported as no changes, not as a failure.
 *
 * @throws DeployError `CHANGE_SET_FAILED` with CloudFormation's reason
 */
export async function createChangeSet(
  cf: CloudFormationClient,
  request: ChangeSetRequest,
  sleep: Sleep,
  intervalMs = 2_000,
): Promise<ChangeSetResult> {
  const created = await cf.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: `motorcade-${Date.now()}`,
      ChangeSetType: request.type,
      TemplateURL: request.templateUrl,
      Parameters: [...request.parameters],
      Capabilities: CAPABILITIES,
      Tags: request.tags?.map((tag) => ({ ...tag })),
      Description: 'motorcade deploy',
    }),
  );
  const id = created.Id as string;
  for (;;) {
    const described = await cf.send(
      new DescribeChangeSetCommand({ ChangeSetName: id, StackName: request.stackName }),
    );
    if (described.Status === 'CREATE_COMPLETE')
      return { id, changes: await allChanges(cf, id, request.stackName, described) };
    if (described.Status === 'FAILED') {
      if (isEmpty(described.StatusReason)) {
        await cf.send(new DeleteChangeSetCommand({ ChangeSetName: id, StackName: request.stackName }));
        return { id: undefined, changes: [] };
      }
      throw new DeployError(
        'CHANGE_SET_FAILED',
        `${request.stackName}: change set failed: ${described.StatusReason ?? 'no reason given'}`,
      );
    }
    await sleep(intervalMs);
  }
}

async function allChanges(
  cf: CloudFormationClient,
  id: string,
  stackName: string,
  first: DescribeChangeSetCommandOutput,
): Promise<Change[]> {
  const changes = [...(first.Changes ?? [])];
  let next = first.NextToken;
  while (next !== undefined) {
    const page = await cf.send(
      new DescribeChangeSetCommand({ ChangeSetName: id, StackName: stackName, NextToken: next }),
    );
    changes.push(...(page.Changes ?? []));
    next = page.NextToken;
  }
  return changes;
}

/** One line per change: `+ Add Queue AWS::SQS::Queue`, `~ Modify Fn AWS::Lambda::Function (replace)`. */
export function formatChange(change: Change): string {
  const resource = change.ResourceChange;
  const sign = resource?.Action === 'Add' ? '+' : resource?.Action === 'Remove' ? '-' : '~';
  const replace =
    resource?.Replacement === 'True'
      ? ' (replace)'
      : resource?.Replacement === 'Conditional'
        ? ' (may replace)'
        : '';
  return `${sign} ${resource?.Action ?? change.Type ?? '?'} ${resource?.LogicalResourceId ?? '?'} ${resource?.ResourceType ?? ''}${replace}`.trimEnd();
}
