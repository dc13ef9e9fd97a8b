import { type DeployOptions, openSession } from './deploy-session.js';
import { deployStack, type StackOutcome } from './stack-deploy.js';

/** What a deploy did, stack by stack, in the order it went. */
export interface DeployReport {
  readonly env: string;
  readonly stacks: ReadonlyArray<{ readonly stackName: string; readonly outcome: StackOutcome }>;
}

/**
 * `motorcade deploy`: validates the templates, proves the account, then deploys each stack in
 * import order — bundle and upload its code, create a change set, execute it, stream its events —
 * and stops at the first stack that fails, leaving the later ones untouched.
 *
 * @throws DeployError for the first failure; stacks before it stay deployed
 * @example
 * ```ts
 * await deployProject({ config: await loadProjectConfig('motorcade.config.json'), env: 'staging' });
 * ```
 */
export async function deployProject(options: DeployOptions): Promise<DeployReport> {
  const session = await openSession(options, true);
  const done: Array<{ stackName: string; outcome: StackOutcome }> = [];
  const total = session.stacks.length;
  for (const [index, stack] of session.stacks.entries()) {
    const prefix = `[${index + 1}/${total}] ${stack.stackName}`;
    const line = (text: string): void => session.progress(`${prefix}: ${text}`);
    for (const note of stack.notes) line(note);
    const outcome = await deployStack(session, stack, line);
    done.push({ stackName: stack.stackName, outcome });
  }
  session.progress(`${session.env}: ${total} stack${total === 1 ? '' : 's'} deployed`);
  return { env: session.env, stacks: done };
}
