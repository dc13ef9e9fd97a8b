import { DeleteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { type DeployOptions, openSession } from './deploy-session.js';
import { DeployError } from './errors.js';
import { stackChangeSet } from './stack-deploy.js';
import { formatChange } from './stacks/change-set.js';
import { describeStack, stackCondition } from './stacks/stack-status.js';

/** One stack of a plan. */
export interface StackPlan {
  readonly stackName: string;
  readonly status: 'new' | 'unchanged' | 'changes' | 'blocked';
  /** One line per change; for a new stack, one per resource of the template. */
  readonly changes: readonly string[];
  /** Why a change set could not be computed (e.g. it imports an export a pending stack adds). */
  readonly reason?: string;
}

/**
 * `motorcade plan`: for each stack in import order, its name, parameters (NoEcho masked),
 * imports and exports, and what deploying would change — a change set against the deployed
 * stack, computed and then deleted. A stack not deployed yet is listed resource by resource
 * without a change set, so planning never leaves a stack behind. What deploy adds to a template
 * (alarms, canary settings) and the generated monitoring stack are shown as such. Code is uploaded (it is
 * content-addressed, so a later deploy reuses it), nothing else is changed.
 */
export async function planProject(options: DeployOptions): Promise<StackPlan[]> {
  const session = await openSession(options, true);
  const cf = session.clients.cloudFormation;
  const plans: StackPlan[] = [];
  for (const [index, stack] of session.stacks.entries()) {
    const line = (text: string): void => session.progress(`  ${text}`);
    session.progress(`[${index + 1}/${session.stacks.length}] ${stack.stackName}  (${stack.displayName})`);
    for (const [key, value] of Object.entries(stack.parameters.values)) {
      line(`parameter ${key} = ${stack.parameters.noEcho.has(key) ? '****' : value}`);
    }
    for (const key of stack.parameters.missing) line(`parameter ${key} = (previous value)`);
    for (const name of stack.imports) line(`imports ${name}`);
    for (const name of stack.exports) line(`exports ${name}`);
    for (const note of stack.notes) line(note);
    const existing = await describeStack(cf, stack.stackName);
    const condition = stackCondition(existing);
    if (condition === 'absent' || condition === 'review' || condition === 'rolled-back-create') {
      const changes = Object.entries(stack.doc.Resources).map(
        ([id, resource]) => `+ Add ${id} ${resource.Type}`,
      );
      line(`new stack: ${changes.length} resource${changes.length === 1 ? '' : 's'} to create`);
      for (const change of changes) line(`  ${change}`);
      plans.push({ stackName: stack.stackName, status: 'new', changes });
      continue;
    }
    try {
      const { result } = await stackChangeSet(session, stack, line);
      if (result.id === undefined) {
        line('no changes');
        plans.push({ stackName: stack.stackName, status: 'unchanged', changes: [] });
        continue;
      }
      const changes = result.changes.map(formatChange);
      line(`${changes.length} change${changes.length === 1 ? '' : 's'}`);
      for (const change of changes) line(`  ${change}`);
      await cf.send(new DeleteChangeSetCommand({ ChangeSetName: result.id, StackName: stack.stackName }));
      plans.push({ stackName: stack.stackName, status: 'changes', changes });
    } catch (error) {
      // A stack waiting on an earlier stack's new export cannot be diffed until that one is deployed.
      if (
        !(error instanceof DeployError) ||
        (error.code !== 'CHANGE_SET_FAILED' && error.code !== 'STACK_BUSY')
      ) {
        throw error;
      }
      line(`cannot compute changes: ${error.message}`);
      plans.push({ stackName: stack.stackName, status: 'blocked', changes: [], reason: error.message });
    }
  }
  return plans;
}
